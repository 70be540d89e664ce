import { Diagnostics } from "../../src/hot/diagnostics";
import { EnvironmentFile, fnmatch, mergeEnvironments, parseEnvironmentFile, ParameterTypes, ResourceRegistry } from "../../src/hot/environment";

function env(text: string, file = "/envs/env.yaml"): EnvironmentFile {
  const d = new Diagnostics();
  const parsed = parseEnvironmentFile(text, file, d);
  expect(d.errors.map((e) => e.message)).toEqual([]);
  return parsed!;
}

const types: ParameterTypes = new Map([
  ["name", "string"],
  ["zones", "comma_delimited_list"],
  ["settings", "json"],
  ["count", "number"],
  ["debug", "boolean"],
]);

describe("parseEnvironmentFile", () => {
  it("reads every section", () => {
    const e = env(
      [
        "parameters: {name: web}",
        "parameter_defaults: {count: 2}",
        "resource_registry: {My::Type: OS::Heat::None}",
        "encrypted_param_names: []",
        "parameter_merge_strategies: {default: merge}",
      ].join("\n"),
    );
    expect(e).toEqual({
      file: "/envs/env.yaml",
      baseDir: "/envs",
      parameters: { name: "web" },
      parameterDefaults: { count: 2 },
      resourceRegistry: { "My::Type": "OS::Heat::None" },
      eventSinks: [],
      encryptedParamNames: [],
      mergeStrategies: { default: "merge" },
    });
  });

  it("rejects what Heat rejects, with its messages, all at once", () => {
    const d = new Diagnostics();
    expect(parseEnvironmentFile("parameters:\nparameter_default: {a: 1}\n", "bad.yaml", d)).toBeUndefined();
    expect(d.format()).toEqual([
      'bad.yaml:1:1: error: environment has empty section "parameters": remove it or give it entries',
      'bad.yaml:2:1: error: environment has wrong section "parameter_default" (allowed: parameters, parameter_defaults, resource_registry, encrypted_param_names, event_sinks, parameter_merge_strategies)',
    ]);
    const d2 = new Diagnostics();
    expect(parseEnvironmentFile("- a\n", "list.yaml", d2)).toBeUndefined();
    expect(d2.errors.map((e) => e.message)).toEqual(["The environment is not a valid YAML mapping data type."]);
  });

  it("accepts an empty file", () => {
    expect(env("").parameters).toEqual({});
  });

  it("warns about zaqar event sinks (not honoured) and errs on them in strict mode", () => {
    const text = "event_sinks:\n  - {type: zaqar-queue, target: q}\n";
    const lax = new Diagnostics();
    const strict = new Diagnostics({ strict: true });
    expect(parseEnvironmentFile(text, "s.yaml", lax)!.eventSinks).toEqual([{ type: "zaqar-queue", target: "q" }]);
    parseEnvironmentFile(text, "s.yaml", strict);
    expect(lax.format()).toEqual(["s.yaml:2:5: warning: event_sinks are not honoured: stack events are not pushed to a Zaqar queue"]);
    expect(strict.hasErrors).toBe(true);
  });
});

describe("mergeEnvironments (Heat's merge_environments)", () => {
  it("lets environment parameters override CLI values (Heat's overwrite merge) and later files override earlier ones", () => {
    const d = new Diagnostics();
    const merged = mergeEnvironments(
      [env("parameters: {name: from-env-1, count: 1}\n", "/e/1.yaml"), env("parameters: {count: 2}\nparameter_defaults: {zones: a}\n", "/e/2.yaml")],
      { name: "from-cli", debug: "true" },
      types,
      d,
    );
    expect(d.problems).toEqual([]);
    expect(merged.parameters).toEqual({ name: "from-env-1", count: 2, debug: "true" });
    expect(merged.parameterDefaults).toEqual({ zones: "a" });
    expect(merged.parameterSites.get("count")).toEqual({ file: "/e/2.yaml", path: ["parameters", "count"] });
    expect(merged.parameterSites.has("debug")).toBe(false);
  });

  it("merges with the merge and deep_merge strategies per parameter type", () => {
    const d = new Diagnostics();
    const merged = mergeEnvironments(
      [
        env("parameters: {name: a, zones: x, settings: {a: {b: 1}, l: [1]}, count: 1}\n", "/e/1.yaml"),
        env(
          "parameter_merge_strategies: {default: merge, settings: deep_merge}\nparameters: {name: b, zones: y, settings: {a: {c: 2}, l: [2]}, count: 2}\n",
          "/e/2.yaml",
        ),
      ],
      {},
      types,
      d,
    );
    // The first file chose overwrite (its default) for each parameter; a later file's default does not
    // change that, but naming a parameter's strategy explicitly conflicts.
    expect(d.errors.map((e) => e.message)).toEqual(["Conflicting merge strategy 'deep_merge' for parameter 'settings' in file '/e/2.yaml'."]);
    const d2 = new Diagnostics();
    const strategies = "parameter_merge_strategies: {default: merge, settings: deep_merge}\n";
    const merged2 = mergeEnvironments(
      [
        env(strategies + "parameters: {name: a, zones: x, settings: {a: {b: 1}, l: [1]}, count: '1'}\n", "/e/1.yaml"),
        env(strategies + "parameters: {name: b, zones: y, settings: {a: {c: 2}, l: [2]}, count: '2'}\n", "/e/2.yaml"),
      ],
      {},
      types,
      d2,
    );
    expect(d2.problems).toEqual([]);
    // Numbers merge as Heat merges them: only as strings, concatenated.
    expect(merged2.parameters).toEqual({ name: "ab", zones: "x,y", settings: { a: { b: 1, c: 2 }, l: [1, 2] }, count: "12" });
    expect(merged.parameters.name).toBe("b");
  });

  it("refuses to merge booleans, as Heat does", () => {
    const d = new Diagnostics();
    const s = "parameter_merge_strategies: {debug: merge}\n";
    mergeEnvironments([env(s + "parameters: {debug: 'true'}\n", "/e/1.yaml"), env(s + "parameters: {debug: 'false'}\n", "/e/2.yaml")], {}, types, d);
    expect(d.errors.map((e) => e.message)).toEqual(["Invalid merge strategy 'merge' for parameter 'debug'."]);
  });

  it("merges resource_registry key by key, skipping null values as Heat's merge_map does", () => {
    const merged = mergeEnvironments(
      [env("resource_registry: {A::B: OS::Heat::None, C::D: c.yaml}\n", "/e/1.yaml"), env("resource_registry: {A::B: null, C::D: d.yaml}\n", "/other/2.yaml")],
      {},
      types,
      new Diagnostics(),
    );
    expect(merged.registry.resolve("A::B")).toEqual({ kind: "type", type: "OS::Heat::None", chain: ["A::B", "OS::Heat::None"] });
    expect(merged.registry.resolve("C::D")).toEqual({ kind: "template", template: "/other/d.yaml", registryType: "C::D", chain: ["C::D"] });
    expect(merged.registry.siteOf("C::D")).toEqual({ file: "/other/2.yaml", path: ["resource_registry", "C::D"] });
  });
});

describe("ResourceRegistry.resolve (Heat's get_resource_info)", () => {
  const registry = (text: string, file = "/envs/env.yaml") =>
    mergeEnvironments([env(text, file)], {}, types, new Diagnostics()).registry;

  it("follows alias chains", () => {
    expect(registry("resource_registry: {A::A: B::B, B::B: OS::Nova::Server}\n").resolve("A::A")).toEqual({
      kind: "type",
      type: "OS::Nova::Server",
      chain: ["A::A", "B::B", "OS::Nova::Server"],
    });
  });

  it("maps types to templates relative to the environment file, and type: x.yaml relative to the template", () => {
    const r = registry("resource_registry:\n  OS::Nova::Server: ../lib/server.yaml\n  Legacy::Type: file:///abs/legacy.template\n");
    expect(r.resolve("OS::Nova::Server")).toEqual({ kind: "template", template: "/lib/server.yaml", registryType: "OS::Nova::Server", chain: ["OS::Nova::Server"] });
    expect(r.resolve("Legacy::Type")).toMatchObject({ kind: "template", template: "/abs/legacy.template" });
    expect(r.resolve("nested/child.yaml", { templateDir: "/tpl" })).toEqual({
      kind: "template",
      template: "/tpl/nested/child.yaml",
      registryType: "nested/child.yaml",
      chain: ["nested/child.yaml"],
    });
  });

  it("uses Heat's global environment: OS::Quantum* is OS::Neutron*", () => {
    expect(new Diagnostics() && registry("{}").resolve("OS::Quantum::Net")).toEqual({
      kind: "type",
      type: "OS::Neutron::Net",
      chain: ["OS::Quantum::Net", "OS::Neutron::Net"],
    });
  });

  it("substitutes glob suffixes, maps many types to one, and never lets a glob match its own target", () => {
    const r = registry('resource_registry:\n  "Vendor::*": "OS::*"\n  "OS::Trove*": "OS::Heat::None"\n  "OS::Heat::*": "OS::Heat::None"\n');
    expect(r.resolve("Vendor::Nova::Server")).toMatchObject({ kind: "type", type: "OS::Nova::Server" });
    expect(r.resolve("OS::Trove::Instance")).toMatchObject({ kind: "type", type: "OS::Heat::None" });
    expect(r.resolve("OS::Heat::None")).toEqual({ kind: "type", type: "OS::Heat::None", chain: ["OS::Heat::None"] });
  });

  it("prefers a per-resource override to the type mapping", () => {
    const r = registry("resource_registry:\n  OS::Nova::Server: all.yaml\n  resources:\n    db:\n      OS::Nova::Server: db.yaml\n");
    expect(r.resolve("OS::Nova::Server", { resourceName: "db" })).toMatchObject({ template: "/envs/db.yaml" });
    expect(r.resolve("OS::Nova::Server", { resourceName: "web" })).toMatchObject({ template: "/envs/all.yaml" });
  });

  it("does not take .yml or extension-less values for templates (they are type names to Heat)", () => {
    expect(registry("resource_registry: {My::Srv: srv.yml}\n").resolve("My::Srv")).toEqual({ kind: "type", type: "srv.yml", chain: ["My::Srv", "srv.yml"] });
  });

  it("skips candidates that end at unknown types and reports Heat's message when none is left", () => {
    const r = registry('resource_registry:\n  "OS::Foo::*": "Nope::*"\n');
    const known = (t: string) => t.startsWith("OS::");
    expect(r.resolve("OS::Foo::Bar", { isKnownType: (t) => t === "OS::Foo::Bar" })).toEqual({ kind: "type", type: "OS::Foo::Bar", chain: ["OS::Foo::Bar"] });
    expect(() => r.resolve("Bad::Type", { isKnownType: known })).toThrow("The Resource Type (Bad::Type) could not be found.");
  });

  it("stops alias loops", () => {
    expect(() => registry("resource_registry: {A::A: B::B, B::B: A::A}\n").resolve("A::A")).toThrow(
      "resource_registry mappings of A::A loop: A::A -> B::B -> A::A",
    );
  });

  it("gives nested stacks the registry without the mapping that made them, with their resources' overrides", () => {
    const r = registry(
      "resource_registry:\n  OS::Nova::Server: server.yaml\n  resources:\n    web*:\n      inner:\n        OS::Nova::Server: inner.yaml\n",
    );
    const child = r.child("web1", "OS::Nova::Server");
    expect(child.resolve("OS::Nova::Server")).toEqual({ kind: "type", type: "OS::Nova::Server", chain: ["OS::Nova::Server"] });
    expect(child.resolve("OS::Nova::Server", { resourceName: "inner" })).toMatchObject({ template: "/envs/inner.yaml" });
    expect(ResourceRegistry.fromMap({}).resolve("X::Y")).toEqual({ kind: "type", type: "X::Y", chain: ["X::Y"] });
  });
});

describe("fnmatch (resource name patterns)", () => {
  it.each([
    ["web1", "web*", true],
    ["db", "web*", false],
    ["a1", "a?", true],
    ["a.b", "a.b", true],
    ["axb", "a.b", false],
    ["b", "[abc]", true],
    ["d", "[!abc]", true],
  ])("%s ~ %s is %s", (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });
});
