/**
 * One small template per feature (test/fixtures/valid) and per mistake (test/fixtures/invalid).
 * Each fixture's diagnostics, one `FILE:LINE:COL: severity: MESSAGE` line each, must equal its
 * `.expected` file (absent: no diagnostics at all). Sidecars: `.params` (heatclient `-P` text),
 * `.options.json` ({maxTemplateSize, strict}). Files named `*.env.yaml` are environment files.
 * `UPDATE_FIXTURES=1 npx jest test/hot/fixtures` rewrites the `.expected` files (review the diff).
 */
import * as fs from "fs";
import * as path from "path";
import { Diagnostics } from "../../src/hot/diagnostics";
import { parseEnvironmentFile } from "../../src/hot/environment";
import { parseCliParameters, resolveParameters } from "../../src/hot/parameters";
import { loadTemplate } from "../../src/hot/template";

const root = path.join(__dirname, "..", "fixtures");

function sidecar(file: string, ext: string): string | undefined {
  const p = file.replace(/\.yaml$/, ext);
  return fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined;
}

/** What `heatshift validate` checks at the language layer: loading, sections, parameters and their values. */
function diagnosticsOf(file: string): string[] {
  const rel = path.relative(path.join(root, "..", ".."), file).split(path.sep).join("/");
  const options = JSON.parse(sidecar(file, ".options.json") ?? "{}");
  const diagnostics = new Diagnostics({ strict: options.strict ?? false });
  const text = fs.readFileSync(file, "utf8");
  if (file.endsWith(".env.yaml")) {
    parseEnvironmentFile(text, rel, diagnostics);
  } else {
    const template = loadTemplate(text, rel, diagnostics, { maxTemplateSize: options.maxTemplateSize });
    const params = sidecar(file, ".params");
    if (template) {
      resolveParameters(
        template.parameters,
        { values: params === undefined ? {} : parseCliParameters([params]), templateFile: rel },
        diagnostics,
      );
    }
  }
  return diagnostics.format();
}

function fixtures(folder: string): string[] {
  const dir = path.join(root, folder);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => path.join(dir, f));
}

describe.each(["valid", "invalid"])("%s fixtures", (folder) => {
  const files = fixtures(folder);

  it("exist", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [path.basename(f), f]))("%s", (_name, file) => {
    const got = diagnosticsOf(file);
    const expectedFile = file.replace(/\.yaml$/, ".expected");
    if (process.env.UPDATE_FIXTURES) {
      if (got.length) fs.writeFileSync(expectedFile, got.join("\n") + "\n");
      else if (fs.existsSync(expectedFile)) fs.unlinkSync(expectedFile);
    }
    const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, "utf8").split("\n").filter(Boolean) : [];
    expect(got).toEqual(expected);
    if (folder === "valid") expect(got.filter((l) => l.includes(": error: "))).toEqual([]);
    else expect(got.filter((l) => l.includes(": error: ")).length).toBeGreaterThan(0);
  });
});
