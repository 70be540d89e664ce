/**
 * Values and functions of the converter: OS::Heat::Value, the software configs (SoftwareConfig,
 * CloudConfig, MultipartMime), the functions the program calls through heatshift's own
 * implementations (make_url, map_replace, repeat, list_concat, str_split, contains, filter, digest,
 * a map_merge of a computed list), get_file, and get_param with a computed path (also in a
 * condition). Each template's program is a reviewed golden, compiles with tsc --strict, and is
 * equivalent to HotStack under mocks.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "../components/mockCloud";
import { convertTemplate } from "../../src/convert/emit";
import { formatDiagnostic } from "../../src/hot/diagnostics";
import { compareWithHotStack } from "./support";

const repo = path.resolve(__dirname, "..", "..");
const templates = path.join(repo, "test", "fixtures", "convert", "templates");
const workDir = path.join(repo, ".heatshift", "convert-values-test");

/** Each template, the stack config its comparison runs with, and how many cloud resources both sides create. */
const cases: Readonly<Record<string, { readonly parameters: Readonly<Record<string, string>>; readonly resources: number }>> = {
  value: { parameters: { role_parameters: '{"Profile": "latency-performance"}' }, resources: 0 },
  "software-config": { parameters: {}, resources: 1 },
  functions: { parameters: { db_password: "s3cret/p@ss" }, resources: 1 },
};

describe.each(Object.keys(cases))("%s.yaml", (name) => {
  const file = path.join(templates, `${name}.yaml`);
  let mock: MockCloud;

  beforeAll(async () => {
    mock = await MockCloud.install();
  });

  test("converts to the reviewed program", () => {
    const result = convertTemplate({ templateFile: file });
    expect(result.problems.map(formatDiagnostic)).toEqual([]);
    expect(result.program).toEqual(fs.readFileSync(path.join(templates, `${name}.ts.golden`), "utf8"));
  });

  test("the program and HotStack create the same resources and export the same outputs", async () => {
    const { parameters, resources: count } = cases[name];
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [`heatshift:${k}`, v])), ["heatshift:db_password"]);
    const { resources, differences, failure } = await compareWithHotStack(mock, file, parameters, convertTemplate({ templateFile: file }).program!);
    expect([differences, failure, resources.length]).toEqual([[], undefined, count]);
  }, 60_000);
});

test("the programs compile with tsc --strict against the repository", () => {
  fs.rmSync(workDir, { recursive: true, force: true });
  for (const name of Object.keys(cases)) {
    fs.mkdirSync(path.join(workDir, name), { recursive: true });
    fs.copyFileSync(path.join(templates, `${name}.ts.golden`), path.join(workDir, name, "index.ts"));
  }
  const tsconfig = {
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true, baseUrl: ".", paths: { "heatshift/*": [`${path.relative(workDir, repo)}/*`] } },
    files: Object.keys(cases).map((n) => `${n}/index.ts`),
  };
  fs.writeFileSync(path.join(workDir, "tsconfig.json"), JSON.stringify(tsconfig));
  let output = "";
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(workDir, "tsconfig.json")], { encoding: "utf8" });
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ""}`;
  }
  expect(output).toEqual("");
}, 120_000);

describe("what stays reported", () => {
  const write = (name: string, text: string): string => {
    fs.mkdirSync(workDir, { recursive: true });
    const file = path.join(workDir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test("get_file of a file that does not exist: Heat's error at its position", () => {
    const file = write("missing-file.yaml", "heat_template_version: 2018-08-31\nresources: {}\noutputs:\n  script:\n    value: { get_file: no/such/file.sh }\n");
    expect(convertTemplate({ templateFile: file }).problems.map(formatDiagnostic)).toEqual([
      `${file}:5:24: error: get_file: No content found in the "files" section for get_file path: no/such/file.sh`,
    ]);
  });

  test("a condition reading a hidden parameter through a path is reported (its value is a secret)", () => {
    const file = write("hidden-path.yaml", "heat_template_version: 2018-08-31\nparameters:\n  keys: {type: json, hidden: true, default: {}}\nconditions:\n  c: {equals: [{get_param: [keys, a]}, x]}\nresources: {}\n");
    expect(convertTemplate({ templateFile: file }).problems.map(formatDiagnostic)).toEqual([
      `${file}:5:17: error: a condition can read only a non-hidden parameter by its name (its value must be known when the program starts)`,
    ]);
  });

  test("a Value's type computed by a function and get_resource of a Value are reported", () => {
    const file = write(
      "value-unsupported.yaml",
      "heat_template_version: 2018-08-31\nparameters:\n  t: {type: string, default: json}\nresources:\n  v:\n    type: OS::Heat::Value\n    properties:\n      value: {a: 1}\n      type: {get_param: t}\noutputs:\n  id:\n    value: {get_resource: v}\n",
    );
    expect(convertTemplate({ templateFile: file }).problems.map(formatDiagnostic)).toEqual([
      `${file}:9:7: error: resource v: a type computed by a function is not converted by heatshift convert`,
      `${file}:12:27: error: get_resource: get_resource of OS::Heat::Value has no TypeScript form in heatshift convert`,
    ]);
  });
});
