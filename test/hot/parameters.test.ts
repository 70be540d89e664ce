import { Diagnostics } from "../../src/hot/diagnostics";
import {
  coerceParameterValue,
  parameterValuesFromConfig,
  parseCliParameters,
  ParameterDefinition,
  parseParameterDefinitions,
  resolveParameters,
} from "../../src/hot/parameters";
import { parseYaml } from "../../src/hot/parse";
import { hotVersion } from "../../src/hot/versions";

const version = hotVersion("2018-03-02")!;

function definitions(yamlText: string, file = "params.yaml"): { defs: Map<string, ParameterDefinition>; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const section = parseYaml(yamlText, file).value;
  return { defs: parseParameterDefinitions(section, version, file, diagnostics), diagnostics };
}

describe("coerceParameterValue: what get_param returns for each type", () => {
  const noConstraints = (type: string) => ({ type: type as never, constraints: [] });
  it.each([
    ["string", 5, "5"],
    ["string", true, "True"],
    ["string", ["a", 1], "['a', 1]"],
    ["number", "5", 5],
    ["number", "5.5", 5.5],
    ["number", " 42 ", 42],
    ["boolean", "Yes", true],
    ["boolean", " off ", false],
    ["boolean", 1, true],
    ["comma_delimited_list", "a, b", ["a", " b"]],
    ["comma_delimited_list", "", []],
    ["comma_delimited_list", [1, "x"], ["1", "x"]],
    ["json", '{"a": [1, 2]}', { a: [1, 2] }],
    ["json", { a: 1 }, { a: 1 }],
    ["json", "", ""],
    ["json", "[1]", [1]],
  ])("%s from %j is %j", (type, raw, expected) => {
    expect(coerceParameterValue(noConstraints(type), raw)).toEqual(expected);
  });

  it.each([
    ["number", "abc", "could not convert string to float: 'abc'"],
    ["boolean", "2", "Unrecognized value '2', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"],
    ["comma_delimited_list", 5, "Value must be a comma-delimited list string: 'int' object has no attribute 'split'"],
    ["json", "{x", "Value must be valid JSON: "],
  ])("%s from %j fails with Heat's message", (type, raw, message) => {
    expect(() => coerceParameterValue(noConstraints(type), raw)).toThrow(message);
  });
});

describe("parseParameterDefinitions", () => {
  it("reads every key", () => {
    const { defs, diagnostics } = definitions(
      [
        "name:",
        "  type: string",
        "  label: Name",
        "  description: The name",
        "  default: web",
        "  hidden: true",
        "  immutable: yes",
        "  tags: [a]",
        "  constraints:",
        "    - length: {min: 1}",
        "      description: not empty",
        "required_one:",
        "  type: number",
        "  default: null",
      ].join("\n"),
    );
    expect(diagnostics.problems).toEqual([]);
    const name = defs.get("name")!;
    expect({ ...name, constraints: name.constraints.map((c) => c.kind) }).toEqual({
      name: "name",
      type: "string",
      label: "Name",
      description: "The name",
      default: "web",
      hidden: true,
      immutable: true,
      tags: ["a"],
      constraints: ["length"],
      file: "params.yaml",
      path: ["parameters", "name"],
    });
    expect(defs.get("required_one")!.default).toBeUndefined();
  });

  it("follows Python truthiness for hidden, as Heat does (the string 'false' hides)", () => {
    const { defs } = definitions("a: {type: string, hidden: 'false'}\nb: {type: string, hidden: 0}\n");
    expect([defs.get("a")!.hidden, defs.get("b")!.hidden]).toEqual([true, false]);
  });

  it("warns that custom constraints are not checked offline, and errs in strict mode", () => {
    const text = "parameters:\n  key: {type: string, constraints: [{custom_constraint: nova.keypair}]}\n";
    const section = (parseYaml(text, "cc.yaml").value as Record<string, unknown>).parameters;
    const lax = new Diagnostics();
    const strict = new Diagnostics({ strict: true });
    parseParameterDefinitions(section, version, "cc.yaml", lax);
    parseParameterDefinitions(section, version, "cc.yaml", strict);
    const message = "custom_constraint nova.keypair of parameter 'key' is not checked offline (it needs the cloud); the value is passed as is";
    expect(lax.format()).toEqual([`cc.yaml:2:57: warning: ${message}`]);
    expect(strict.format()).toEqual([`cc.yaml:2:57: error: ${message}`]);
  });

  it("reports a section that is not a map", () => {
    const d = new Diagnostics();
    expect(parseParameterDefinitions([1], version, "x.yaml", d).size).toBe(0);
    expect(d.errors.map((e) => e.message)).toEqual(['"parameters" must be a map of parameter definitions. Found a [list] instead']);
  });
});

describe("resolveParameters: user value, then parameter_defaults, then the default", () => {
  const { defs } = definitions(
    [
      "image: {type: string}",
      "flavor: {type: string, default: m1.small}",
      "zones: {type: comma_delimited_list, default: 'a,b'}",
      "password: {type: string, hidden: true, default: secret}",
      "port: {type: number, default: 80}",
    ].join("\n"),
    "resolve.yaml",
  );

  it("takes each value from the strongest source and types it", () => {
    const d = new Diagnostics();
    const resolved = resolveParameters(
      defs,
      { values: { image: "cirros", port: "8080" }, parameterDefaults: { flavor: "m1.tiny", port: 1, unknown_is_ignored: 1 }, stack: { stackName: "s", stackId: "id-1" } },
      d,
    );
    expect(d.problems).toEqual([]);
    expect([...resolved.values()].map((p) => [p.name, p.value, p.source, p.hidden])).toEqual([
      ["OS::stack_id", "id-1", "pseudo", false],
      ["OS::project_id", "", "pseudo", false],
      ["OS::stack_name", "s", "pseudo", false],
      ["image", "cirros", "user", false],
      ["flavor", "m1.tiny", "parameter_defaults", false],
      ["zones", ["a", "b"], "default", false],
      ["password", "secret", "default", true],
      ["port", 8080, "user", false],
    ]);
  });

  it("has no OS::stack_name without a stack name, as Heat", () => {
    const resolved = resolveParameters(defs, { values: { image: "x" } }, new Diagnostics());
    expect(resolved.has("OS::stack_name")).toBe(false);
  });

  it("names missing and unknown parameters, and never echoes a hidden value", () => {
    const d = new Diagnostics();
    const { defs: strict } = definitions("pw: {type: string, hidden: true, constraints: [{length: {min: 8}}]}\n", "hidden.yaml");
    resolveParameters(defs, { values: { typo: 1 }, templateFile: "resolve.yaml" }, d);
    resolveParameters(strict, { values: { pw: "short" } }, d);
    expect(d.errors.map((e) => e.message)).toEqual([
      "The Parameter (typo) was not defined in template. Parameters of this template: image, flavor, zones, password, port",
      'The Parameter (image) was not provided. It has no default: give it a value (e.g. -P "image=..." or an environment file\'s parameters)',
      "Parameter 'pw' is invalid: length (5) is out of range (min: 8, max: None)",
    ]);
  });
});

describe("heatclient's -P format", () => {
  it.each([
    [["a=1;b=2"], { a: "1", b: "2" }],
    [["a=1;b=2", "c=3"], { a: "1;b=2", c: "3" }],
    [["k=a", "k=b", "k=c"], { k: ["a", "b", "c"] }],
    [["url=http://x/?q=1"], { url: "http://x/?q=1" }],
    [["empty="], { empty: "" }],
    [[], {}],
  ])("%j", (options, expected) => {
    expect(parseCliParameters(options)).toEqual(expected);
  });

  it("rejects an item without = with heatclient's message", () => {
    expect(() => parseCliParameters(["a=1;oops"])).toThrow("Malformed parameter(oops). Use the key=value format.");
  });
});

describe("values from Pulumi-style config", () => {
  it("decodes structured lists for comma_delimited_list and keeps other text as Heat would receive it", () => {
    const { defs } = definitions("zones: {type: comma_delimited_list}\nplain: {type: comma_delimited_list}\ncfg: {type: json}\nn: {type: number}\nabsent: {type: string}\n");
    const config: Record<string, string> = { zones: '["a", "b,c"]', plain: "x,y", cfg: '{"k": 1}', n: "3" };
    expect(parameterValuesFromConfig(defs, (k) => config[k])).toEqual({ zones: ["a", "b,c"], plain: "x,y", cfg: '{"k": 1}', n: "3" });
  });
});
