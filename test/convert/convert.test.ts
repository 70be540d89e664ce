import * as fs from "fs";
import * as path from "path";
import { convertCommand } from "../../src/cli/convert";
import { convertTemplate } from "../../src/convert/emit";
import { propertyKey } from "../../src/convert/expressions";
import { camelCase, IdentifierScope } from "../../src/convert/identifiers";
import { heatshiftDependency, projectFiles, projectName } from "../../src/convert/project";
import { formatDiagnostic } from "../../src/hot/diagnostics";
import { strictCompile } from "./support";

const repo = path.resolve(__dirname, "..", "..");
const tutorial = "/work/shared/hot-corpus/miguelgrinberg__heat-tutorial";
const fixtures = path.join(repo, "test", "fixtures", "convert");
const workDir = path.join(repo, ".heatshift", "convert-test");
const tutorialTemplates = ["heat_2a", "heat_2b", "heat_2c", "heat_2d", "heat_3a"];

/** Runs the CLI in process; returns exit code, stdout and stderr lines. */
function cli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = convertCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("identifiers", () => {
  test("HOT names become camelCase identifiers", () => {
    expect(["router-interface", "flasky_port", "OS::stack_name", "2nd-net", "default"].map(camelCase)).toEqual([
      "routerInterface",
      "flaskyPort",
      "oSStackName",
      "_2ndNet",
      "default",
    ]);
  });

  test("taken and reserved identifiers get the suffix, then a number", () => {
    const ids = new IdentifierScope(["config"]);
    expect([ids.allocate("private_network"), ids.allocate("private-network", "Resource"), ids.allocate("private network", "Resource"), ids.allocate("config"), ids.allocate("default")]).toEqual([
      "privateNetwork",
      "privateNetworkResource",
      "privateNetworkResource2",
      "config2",
      "default2",
    ]);
  });

  test("property keys: reserved words are written bare (TypeScript allows them there), other names quoted", () => {
    expect(["type", "default", "net_cidr", "a-b", "OS::stack_id", "1st"].map(propertyKey)).toEqual(["type", "default", "net_cidr", '"a-b"', '"OS::stack_id"', '"1st"']);
  });
});

describe("project files", () => {
  test("project name and heatshift dependency", () => {
    expect(projectName("/x/heat_2d.yaml")).toEqual("heat-2d");
    expect(heatshiftDependency("/tmp/out", "/work/main")).toEqual("file:../../work/main");
  });

  test("Pulumi.yaml declares a TypeScript nodejs program", () => {
    expect(projectFiles({ name: "p", heatshift: "file:..", program: "" })["Pulumi.yaml"]).toEqual("name: p\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
  });
});

describe("heat_2a–2d and heat_3a (nested templates): golden programs, byte for byte, and tsc --strict", () => {
  beforeAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  test.each(tutorialTemplates)("%s converts to the reviewed program", (name) => {
    const out = path.join(workDir, name);
    const run = cli([path.join(tutorial, `${name}.yaml`), "--out", out, "--heatshift", "file:../heatshift"]);
    expect(run.code).toEqual(0);
    expect(run.err).toEqual([`heatshift convert: wrote Pulumi.yaml, package.json, tsconfig.json, index.ts to ${out}`]);
    for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json"]) {
      expect(fs.readFileSync(path.join(out, file), "utf8")).toEqual(fs.readFileSync(path.join(fixtures, name, file), "utf8"));
    }
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toEqual(fs.readFileSync(path.join(fixtures, name, "index.ts.golden"), "utf8"));
  });

  test("the generated programs compile with tsc --strict against the repository's components", () => {
    // The generated package.json takes heatshift by a file: path; here `paths` points the same
    // module names at this repository, and @pulumi/* resolve from its node_modules.
    for (const name of ["constraints", "security-group", "network", "conditions", "group", "floating-ip"]) {
      const program = convertTemplate({ templateFile: path.join(fixtures, "templates", `${name}.yaml`) }).program!;
      fs.mkdirSync(path.join(workDir, name), { recursive: true });
      fs.writeFileSync(path.join(workDir, name, "index.ts"), program);
    }
    const files = [...tutorialTemplates, "constraints", "security-group", "network", "conditions", "group", "floating-ip"].map((n) => `${n}/index.ts`);
    expect(strictCompile(workDir, files)).toEqual("");
  }, 240_000);

  test("heat_2d: Heat's dependencies become dependsOn only where no reference carries them", () => {
    const program = convertTemplate({ templateFile: path.join(tutorial, "heat_2d.yaml") }).program!;
    // The port: the subnet (Heat's hidden dependency) and the group with its rules (the ID is the group's only);
    // the floating IP: the router interface (the component passes it on to the resources inside it).
    expect(program.match(/dependsOn: \[[^\]]*\]/g)).toEqual(["dependsOn: [privateNetwork.subnet, webServerSecurityGroup]", "dependsOn: [privateNetwork.routerInterface]"]);
  });

  test("secrets never appear in generated code: the hidden parameter is read with requireSecret", () => {
    const program = convertTemplate({ templateFile: path.join(fixtures, "templates", "constraints.yaml") }).program!;
    expect(program).not.toContain("not-in-the-program");
    expect(program).toContain('const dbPassword = config.requireSecret("db_password").apply((value) => {');
  });
});

describe("parameters, expressions and the report", () => {
  test("constraints are checked at run time with the template's descriptions", () => {
    const result = convertTemplate({ templateFile: path.join(fixtures, "templates", "constraints.yaml") });
    expect(result.problems.map(formatDiagnostic)).toEqual([]);
    expect(result.program).toEqual(fs.readFileSync(path.join(fixtures, "templates", "constraints.ts.golden"), "utf8"));
  });

  test("conditions become booleans over the config, if becomes a ternary, conditional resources if blocks", () => {
    const result = convertTemplate({ templateFile: path.join(fixtures, "templates", "conditions.yaml") });
    expect(result.problems.map(formatDiagnostic)).toEqual([]);
    expect(result.program).toEqual(fs.readFileSync(path.join(fixtures, "templates", "conditions.ts.golden"), "utf8"));
  });

  test("a ResourceGroup becomes Array.from over its count, its attributes arrays and maps of the members' outputs", () => {
    const result = convertTemplate({ templateFile: path.join(fixtures, "templates", "group.yaml") });
    expect(result.problems.map(formatDiagnostic)).toEqual([]);
    expect(result.program).toEqual(fs.readFileSync(path.join(fixtures, "templates", "group.ts.golden"), "utf8"));
  });

  test("map_merge becomes an object with spreads, an if among the maps a conditional spread", () => {
    const file = path.join(workDir, "map-merge.yaml");
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(file, "heat_template_version: 2021-04-16\nparameters:\n  zone: {type: string, default: ''}\n  extra: {type: json, default: {}}\nresources: {}\noutputs:\n  settings:\n    value:\n      map_merge:\n        - {a: 1}\n        - {get_param: extra}\n        - if: [{equals: [{get_param: zone}, '']}, {}, {zone: {get_param: zone}}]\n");
    const program = convertTemplate({ templateFile: file }).program!;
    expect(program.split("\n").filter((l) => l.startsWith("export"))).toEqual(['export const settings = { a: 1, ...extra, ...(zone === "" ? {} : { zone }) };']);
  });

  test("a condition on a hidden parameter reads it in plain for the decision only, as Heat decides conditions from the values", () => {
    const file = path.join(workDir, "secret-condition.yaml");
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(file, "heat_template_version: 2017-09-01\nparameters:\n  secret: {type: string, hidden: true, default: x}\nconditions:\n  c: {equals: [{get_param: secret}, x]}\nresources: {}\n");
    const result = convertTemplate({ templateFile: file });
    expect(result.problems.map(formatDiagnostic)).toEqual([]);
    expect(result.program!.split("\n").slice(4, 11)).toEqual([
      "// The template's default of this hidden parameter is not copied here: set it with `pulumi config set --secret`.",
      'const secret = config.requireSecret("secret");',
      "",
      "// Hidden parameter secret: read in plain only to decide conditions (Heat decides them from the values).",
      "",
      "// Conditions: decided from the stack config when the program starts.",
      'const c = config.require("secret") === "x";',
    ]);
  });

  test("--report prints the coverage table by construct and type", () => {
    const run = cli([path.join(fixtures, "templates", "constraints.yaml"), "--out", path.join(workDir, "constraints"), "--report"]);
    expect(run.code).toEqual(0);
    expect(run.out).toEqual([
      "construct  type                  converted to               count",
      "parameter  comma_delimited_list  config                         1",
      "parameter  number                config                         1",
      "parameter  string                config                         3",
      "resource   OS::Neutron::Port     openstack.networking.Port      1",
      "output                           export                         1",
      "function   get_attr              TypeScript                     1",
      "function   get_param             TypeScript                     4",
      "function   list_join             TypeScript                     1",
      "function   str_replace           TypeScript                     1",
      "14 constructs converted, 0 unsupported",
    ]);
  });
});

describe("unsupported constructs are never dropped silently", () => {
  const template = path.join(fixtures, "templates", "unsupported.yaml");
  const file = template;

  test("without --allow-unsupported: FILE:LINE:COL errors, exit 1, nothing written", () => {
    const out = path.join(workDir, "unsupported-strict");
    const run = cli([file, "--out", out]);
    expect(run.code).toEqual(1);
    expect(run.err).toEqual([
      `${file}:12:15: error: resource group: OS::Heat::ResourceGroup: members of type OS::Heat::Value are not converted by heatshift convert yet`,
      `${file}:18:7: error: property dns_name of OS::Neutron::Port is not converted by heatshift convert`,
      `${file}:21:14: error: get_attr: resource group is not converted`,
    ]);
    expect(fs.existsSync(out)).toEqual(false);
  });

  test("with --allow-unsupported: warnings and TODO(heatshift) placeholders", () => {
    const out = path.join(workDir, "unsupported-allowed");
    const run = cli([file, "--out", out, "--allow-unsupported"]);
    expect(run.code).toEqual(0);
    expect(run.err.slice(0, 3)).toEqual([
      `${file}:12:15: warning: resource group: OS::Heat::ResourceGroup: members of type OS::Heat::Value are not converted by heatshift convert yet`,
      `${file}:18:7: warning: property dns_name of OS::Neutron::Port is not converted by heatshift convert`,
      `${file}:21:14: warning: get_attr: resource group is not converted`,
    ]);
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8").match(/TODO\(heatshift\).*/g)).toEqual([
      "TODO(heatshift): resource group: OS::Heat::ResourceGroup: members of type OS::Heat::Value are not converted by heatshift convert yet",
      "TODO(heatshift): property dns_name of OS::Neutron::Port is not converted by heatshift convert",
      "TODO(heatshift): get_attr: resource group is not converted */;",
    ]);
  });

  test("usage errors exit 2", () => {
    expect(cli([template]).code).toEqual(2);
    expect(cli([template, "--out", workDir, "-P", "count=3"]).code).toEqual(2);
  });
});
