/**
 * Agreement with Heat itself: heat-fixture-verdicts.json holds what Heat 19 (Debian's python3-heat,
 * run by heat-fixture-verdicts.py) said of each fixture. Heat stops at its first problem; heatshift
 * reports them all, so each Heat error must be among heatshift's errors, in Heat's words.
 */
import * as fs from "fs";
import * as path from "path";
import { Diagnostics } from "../../src/hot/diagnostics";
import { parseEnvironmentFile } from "../../src/hot/environment";
import { parseCliParameters, resolveParameters } from "../../src/hot/parameters";
import { loadTemplate } from "../../src/hot/template";

const repo = path.join(__dirname, "..", "..");
const verdicts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, "heat-fixture-verdicts.json"), "utf8"));

/** Where heatshift and Heat part on purpose, and why. */
const DEVIATIONS: Record<string, string> = {
  "test/fixtures/invalid/too-large.yaml": "the fixture lowers max_template_size to 64 characters; Heat ran with its default",
  "test/fixtures/invalid/version-cfn.yaml": "Heat crashes on this CloudFormation template (TypeError); heatshift says it imports HOT only",
  "test/fixtures/invalid/yaml-syntax.yaml": "the yaml package words syntax errors differently from PyYAML (same place: line 3)",
};

/** Heat errors that need a cloud (image, flavor, network lookups); not the template's fault. */
const needsCloud = (verdict: string) => /Authorization failed/.test(verdict);

/** Heat's message without the exception class and the section prefix it adds (`Output validation error: outputs.x: `). */
function heatMessage(verdict: string): string {
  return verdict
    .replace(/^\w+: /, "")
    .replace(/^(Output validation error|Parameter Groups error): \S+: /, "")
    .replace(/^Error parsing template \[root stack\] /, "");
}

function heatshiftErrors(file: string): string[] {
  const abs = path.join(repo, file);
  const text = fs.readFileSync(abs, "utf8");
  const d = new Diagnostics();
  if (file.endsWith(".env.yaml")) {
    parseEnvironmentFile(text, file, d);
  } else {
    const template = loadTemplate(text, file, d);
    const paramsFile = abs.replace(/\.yaml$/, ".params");
    const values = fs.existsSync(paramsFile) ? parseCliParameters([fs.readFileSync(paramsFile, "utf8")]) : {};
    if (template) resolveParameters(template.parameters, { values }, d);
  }
  return d.errors.map((e) => e.message);
}

describe("fixtures: heatshift agrees with Heat 19", () => {
  const cases = Object.entries(verdicts).filter(([file]) => !(file in DEVIATIONS));

  it("covers every fixture", () => {
    const fixtures = ["valid", "invalid"].flatMap((dir) =>
      fs
        .readdirSync(path.join(repo, "test", "fixtures", dir))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => `test/fixtures/${dir}/${f}`),
    );
    expect(Object.keys(verdicts).sort()).toEqual(fixtures.sort());
  });

  it.each(cases)("%s: %s", (file, verdict) => {
    const errors = heatshiftErrors(file);
    if (verdict === "OK" || needsCloud(verdict)) {
      expect(errors).toEqual([]);
    } else {
      const expected = heatMessage(verdict);
      expect(errors.filter((e) => e.includes(expected))).toEqual([expect.stringContaining(expected)]);
    }
  });
});
