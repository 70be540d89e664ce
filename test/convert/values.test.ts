/**
 * Values and functions of the converter: OS::Heat::Value, the software configs (SoftwareConfig,
 * CloudConfig, MultipartMime), the functions the program calls through heatshift's own
 * implementations (make_url, map_replace, repeat, list_concat, str_split, contains, filter, digest,
 * a map_merge of a computed list, 2013's Fn::Select and Fn::MemberListToMap), Fn::Split, Fn::Replace,
 * Fn::Base64, get_file, get_param with a computed path (also in a condition), a condition on a
 * hidden parameter. Each template's program is a reviewed golden, compiles with tsc --strict, and
 * is equivalent to HotStack under mocks.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud, valueOf } from "../components/mockCloud";
import { convertTemplate } from "../../src/convert/emit";
import { callCode, convertedBy, Expr, literalExpr, parameterPath, plainExpr } from "../../src/convert/expressions";
import { formatDiagnostic } from "../../src/hot/diagnostics";
import { compareWithHotStack, runProgram, strictCompile } from "./support";

const repo = path.resolve(__dirname, "..", "..");
const templates = path.join(repo, "test", "fixtures", "convert", "templates");
const workDir = path.join(repo, ".heatshift", "convert-values-test");

/** Each template, the stack config its comparison runs with (hidden parameters set as secrets), and how many cloud resources both sides create. */
const cases: Readonly<Record<string, { readonly parameters: Readonly<Record<string, string>>; readonly resources: number }>> = {
  "hidden-condition": { parameters: { db_password: "", keys: '{"a": "x"}' }, resources: 1 },
  value: { parameters: { role_parameters: '{"Profile": "latency-performance"}' }, resources: 2 },
  "software-config": { parameters: {}, resources: 1 },
  functions: { parameters: { db_password: "s3cret/p@ss" }, resources: 1 },
  "cfn-functions": { parameters: {}, resources: 0 },
  "value-condition": { parameters: {}, resources: 1 },
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
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [`heatshift:${k}`, v])), ["heatshift:db_password", "heatshift:keys"]);
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
  expect(strictCompile(workDir, Object.keys(cases).map((n) => `${n}/index.ts`))).toEqual("");
}, 120_000);

describe("get_param paths and calls as code", () => {
  const plain = (code: string) => plainExpr(code);
  const secret = (code: string): Expr => ({ code, output: true, refs: new Set() });

  test.each([
    ["literal keys", plain("serviceData"), [literalExpr("cidrs"), literalExpr(0)], '(serviceData?.["cidrs"]?.[0] ?? "")'],
    ["a key read from a parameter", plain("lengths"), [plain("index")], '(lengths?.[index] ?? "")'],
    ["an Output with literal keys", secret("keys"), [literalExpr("a")], 'keys.apply((v) => v?.["a"] ?? "")'],
    ["an Output with a computed key", secret("lengths"), [secret("index")], 'pulumi.all([lengths, index]).apply(([v, key]) => v?.[key] ?? "")'],
    ["two computed keys among literal ones", secret("map"), [plain("a"), literalExpr("x"), plain("b")], 'pulumi.all([map, a, b]).apply(([v, key1, key2]) => v?.[key1]?.["x"]?.[key2] ?? "")'],
  ])("%s", (_, param, keys, code) => {
    expect(parameterPath(param, keys).code).toEqual(code);
  });

  test("text converted to a number: the call goes inside the path's .apply", () => {
    expect(convertedBy(parameterPath(plain("lengths"), [plain("index")]), "Number").code).toEqual('Number(lengths?.[index] ?? "")');
    expect(convertedBy(parameterPath(secret("lengths"), [secret("index")]), "Number").code).toEqual('pulumi.all([lengths, index]).apply(([v, key]) => Number(v?.[key] ?? ""))');
    expect(convertedBy(secret("size"), "Number").code).toEqual("size.apply(Number)");
  });

  test("a call is one line when short, hugs a last multi-line list, else one argument a line", () => {
    expect(callCode("f", ['"x"', "[1, 2]"], "")).toEqual('f("x", [1, 2])');
    const list = `[\n  ${"a".repeat(60)},\n  ${"b".repeat(60)},\n]`;
    expect(callCode("mapReplace", ['"map_replace"', list], "")).toEqual(`mapReplace("map_replace", ${list})`);
    expect(callCode("valueOfType", [list, '"json"'], "")).toEqual(`valueOfType(\n  [\n    ${"a".repeat(60)},\n    ${"b".repeat(60)},\n  ],\n  "json",\n)`);
  });
});

const mysqlBase = "/work/shared/hot-corpus/openstack__tripleo-heat-templates/deployment/database/mysql-base.yaml";

(fs.existsSync(mysqlBase) ? test : test.skip)("the corpus's mysql-base.yaml with the file its get_file names (not in the corpus): converts, equivalent to HotStack", async () => {
  // The template's own layout: deployment/database/ and ../../container_config_scripts/.
  const copy = path.join(workDir, "tripleo", "deployment", "database", "mysql-base.yaml");
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.mkdirSync(path.join(workDir, "tripleo", "container_config_scripts"), { recursive: true });
  fs.copyFileSync(mysqlBase, copy);
  fs.writeFileSync(path.join(workDir, "tripleo", "container_config_scripts", "mysql_upgrade_db.sh"), '#!/bin/bash\necho "`mysql_upgrade` ${DB}"\n');
  const result = convertTemplate({ templateFile: copy });
  expect(result.problems.map(formatDiagnostic)).toEqual([]);
  expect(result.program).toContain('    content: `#!/bin/bash\necho "\\`mysql_upgrade\\` \\${DB}"\n`,\n');
  expect(result.program).toContain('const isIpv6 = isDeepStrictEqual((serviceData?.["net_ip_version_map"]?.[(serviceNetMap?.["MysqlNetwork"] ?? "")] ?? ""), 6);\n');
  const mock = await MockCloud.install();
  const parameters = { MysqlRootPassword: "root-secret", MysqlClustercheckPassword: "check-secret" };
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [`heatshift:${k}`, v])), Object.keys(parameters).map((k) => `heatshift:${k}`));
  const { differences, failure } = await compareWithHotStack(mock, copy, parameters, result.program!);
  expect([differences, failure]).toEqual([[], undefined]);
}, 60_000);

const firewall = "/work/shared/hot-corpus/openstack__tripleo-heat-templates/deployment/tripleo-firewall/tripleo-firewall-baremetal-ansible.yaml";

(fs.existsSync(firewall) ? test : test.skip)("the corpus's tripleo-firewall with a ctlplane CIDR list (its default stops Heat's repeat): equivalent to HotStack", async () => {
  const mock = await MockCloud.install();
  const parameters = { ServiceData: '{"net_cidr_map": {"ctlplane": ["192.0.2.0/24", "198.51.100.0/24"]}}', ExtraFirewallRules: '{"200 http": {"dport": 80}}' };
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [`heatshift:${k}`, v])));
  const result = convertTemplate({ templateFile: firewall });
  expect(result.problems.map(formatDiagnostic)).toEqual([]);
  const { differences, failure } = await compareWithHotStack(mock, firewall, parameters, result.program!);
  expect([differences, failure]).toEqual([[], undefined]);
  // The export is a map holding Outputs (the program's own shape), read whole.
  const roleData = await valueOf(pulumi.output(runProgram(result.program!).role_data as pulumi.Input<{ firewall_rules: Record<string, unknown> }>));
  expect(roleData.firewall_rules).toEqual({
    "003 accept ssh from ctlplane subnet 192.0.2.0/24": { source: "192.0.2.0/24", proto: "tcp", dport: 22 },
    "003 accept ssh from ctlplane subnet 198.51.100.0/24": { source: "198.51.100.0/24", proto: "tcp", dport: 22 },
    "200 http": { dport: 80 },
  });
}, 60_000);

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
      `${file}:5:24: error: get_file: cannot read no/such/file.sh: no such file (Heat's client refuses the template too)`,
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
