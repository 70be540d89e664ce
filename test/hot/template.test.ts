import * as fs from "fs";
import * as path from "path";
import { Diagnostics } from "../../src/hot/diagnostics";
import { loadTemplate } from "../../src/hot/template";

const fixture = (name: string) => path.join(__dirname, "..", "fixtures", "valid", name);

describe("the Template model", () => {
  const diagnostics = new Diagnostics();
  const template = loadTemplate(fs.readFileSync(fixture("all-sections-newton.yaml"), "utf8"), "all.yaml", diagnostics)!;

  it("has no problems for a valid template", () => {
    expect(diagnostics.problems).toEqual([]);
  });

  it("knows its version, description and parameter groups", () => {
    expect([template.version.date, template.version.written]).toEqual(["2016-10-14", "newton"]);
    expect(template.description).toBe("Every section and resource key of a 2016-10-14 template.");
    expect(template.parameterGroups).toEqual([{ label: "Sizing", description: "How big", parameters: ["flavor", "count"] }]);
    expect([...template.parameters.keys()]).toEqual(["flavor", "count", "env", "policy"]);
  });

  it("normalises each resource: depends_on as a list, deletion policies capitalised, functions kept as written", () => {
    expect([...template.resources.keys()]).toEqual(["net", "subnet", "server", "group", "existing"]);
    expect(template.resources.get("net")).toEqual({
      name: "net",
      type: "OS::Neutron::Net",
      properties: {},
      metadata: { owner: "team-a" },
      dependsOn: [],
      deletionPolicy: "Retain",
      updatePolicy: undefined,
      externalId: undefined,
      condition: undefined,
      description: undefined,
      path: ["resources", "net"],
    });
    expect(template.resources.get("subnet")!.dependsOn).toEqual(["net"]);
    const server = template.resources.get("server")!;
    expect([server.dependsOn, server.deletionPolicy, server.condition, server.description]).toEqual([
      ["net", "subnet"],
      { get_param: "policy" },
      "is_prod",
      "the web server",
    ]);
    expect(template.resources.get("group")!.updatePolicy).toEqual({ rolling_update: { max_batch_size: 1 } });
    expect(template.resources.get("existing")!.externalId).toBe("my-key");
  });

  it("keeps outputs and conditions as written", () => {
    expect(template.outputs.get("server_id")).toEqual({
      name: "server_id",
      value: { get_resource: "server" },
      description: "the server",
      condition: "is_prod",
      path: ["outputs", "server_id"],
    });
    expect(template.conditions).toEqual({ is_prod: { equals: [{ get_param: "env" }, "prod"] } });
  });

  it("reports every problem of a file, not just the first, and keeps the valid parts", () => {
    const d = new Diagnostics();
    const t = loadTemplate(
      [
        "heat_template_version: 2013-05-23",
        "Outputs: {}",
        "parameters:",
        "  ok: {type: string, default: x}",
        "  bad: {type: text}",
        "resources:",
        "  good: {type: OS::Heat::None}",
        "  bad_res: {type: OS::Heat::None, condition: c}",
      ].join("\n"),
      "many.yaml",
      d,
    )!;
    expect(d.format()).toEqual([
      "many.yaml:2:1: error: The template section is invalid: Outputs (sections of heat_template_version 2013-05-23: heat_template_version, description, parameter_groups, parameters, resources, outputs)",
      "many.yaml:5:15: error: Parameter 'bad' is invalid: Invalid type (text); expected one of string, number, comma_delimited_list, json, boolean",
      'many.yaml:8:35: error: "condition" is not a valid keyword inside a resource definition (condition needs heat_template_version 2016-10-14 or later; this is 2013-05-23)',
    ]);
    expect([...t.parameters.keys()]).toEqual(["ok"]);
    expect([...t.resources.keys()]).toEqual(["good"]);
  });

  it("gives up only when the version is unusable", () => {
    const d = new Diagnostics();
    expect(loadTemplate("heat_template_version: 2099-01-01\n", "v.yaml", d)).toBeUndefined();
    expect(d.errors.length).toBe(1);
  });
});
