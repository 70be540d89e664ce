/**
 * The converted program and the run-time import (HotStack) of the same template, run under the
 * same mocks, create the same cloud resources with the same inputs and the same dependencies
 * (between cloud resources, by type), and export the same outputs.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { MockCloud, Registration, valueOf } from "../components/mockCloud";
import { convertTemplate } from "../../src/convert/emit";
import { HotStack } from "../../src/import/HotStack";

const repo = path.resolve(__dirname, "..", "..");
const tutorial = "/work/shared/hot-corpus/miguelgrinberg__heat-tutorial";
const parameters = { gmail_username: "flasky.admin", gmail_password: "p@ss w0rd$&\\1" };

/** Replaces mock ids by the type of the resource they are the id of, and drops per-name fields. */
function normaliser(registrations: readonly Registration[]): (value: unknown) => unknown {
  const typeOf = new Map<string, string>(registrations.map((r) => [`${r.name}-id`, r.type]));
  const normal = (value: unknown): unknown => {
    if (typeof value === "string") return typeOf.has(value) ? `<id of ${typeOf.get(value)}>` : value;
    if (Array.isArray(value)) return value.map(normal);
    if (value !== null && typeof value === "object") {
      // The signal receiver knows handles and conditions by their Pulumi names, which differ.
      const dropped = ["__provider", "handleName", "conditionName"];
      return Object.fromEntries(Object.entries(value).filter(([k]) => !dropped.includes(k)).map(([k, v]) => [k, normal(v)]));
    }
    return value;
  };
  return normal;
}

/** Cloud resources (components left out) as type and normalised inputs, sorted. */
function cloudResources(registrations: readonly Registration[]): { type: string; inputs: unknown }[] {
  const normal = normaliser(registrations);
  return registrations
    .filter((r) => !r.type.startsWith("heatshift:"))
    .map((r) => ({ type: r.type, inputs: normal(r.inputs) }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/**
 * For each cloud resource (by type and normalised inputs), the types of every cloud resource it
 * waits for, directly or not: a dependency on a component stands for the resources inside it.
 */
function waits(registrations: readonly Registration[]): Map<string, Set<string>> {
  const byKey = new Map(registrations.map((r) => [`${r.type}::${r.name}`, r]));
  const normal = normaliser(registrations);
  const identity = (r: Registration) => `${r.type} ${JSON.stringify(normal(r.inputs)).slice(0, 160)}`;
  const closure = (key: string, into: Set<string>, seen: Set<string>): void => {
    const target = byKey.get(key);
    if (target === undefined || seen.has(key)) return;
    seen.add(key);
    if (!target.type.startsWith("heatshift:")) into.add(target.type);
    target.dependencies.forEach((d) => closure(d, into, seen));
    if (target.type.startsWith("heatshift:")) registrations.filter((c) => c.parent === key).forEach((c) => closure(`${c.type}::${c.name}`, into, seen));
  };
  const result = new Map<string, Set<string>>();
  for (const r of registrations.filter((x) => !x.type.startsWith("heatshift:"))) {
    const into = new Set<string>();
    r.dependencies.forEach((d) => closure(d, into, new Set()));
    result.set(`${identity(r)}`, into);
  }
  return result;
}

/** Runs a generated program in this process (its `heatshift/` imports pointed at this repository); returns its exports. */
function runProgram(program: string): Record<string, pulumi.Output<unknown>> {
  const js = ts.transpileModule(program.replace(/from "heatshift\//g, `from "${repo}/`), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  const module = { exports: {} as Record<string, pulumi.Output<unknown>> };
  new Function("exports", "require", "module", js)(module.exports, require, module);
  return module.exports;
}

const templates: Readonly<Record<string, string>> = {
  heat_2a: path.join(tutorial, "heat_2a.yaml"),
  heat_2b: path.join(tutorial, "heat_2b.yaml"),
  heat_2c: path.join(tutorial, "heat_2c.yaml"),
  heat_2d: path.join(tutorial, "heat_2d.yaml"),
  "security-group": path.join(repo, "test", "fixtures", "convert", "templates", "security-group.yaml"),
  network: path.join(repo, "test", "fixtures", "convert", "templates", "network.yaml"),
  conditions: path.join(repo, "test", "fixtures", "convert", "templates", "conditions.yaml"),
  group: path.join(repo, "test", "fixtures", "convert", "templates", "group.yaml"),
};

describe.each(Object.keys(templates))("%s: converted program ≡ HotStack under mocks", (name) => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
    process.env.HEATSHIFT_SIGNAL_URL = "http://127.0.0.1:8000";
    process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN = "admin-secret";
    for (const [key, value] of Object.entries(parameters)) pulumi.runtime.setConfig(`heatshift:${key}`, value);
  });
  afterAll(() => {
    delete process.env.HEATSHIFT_SIGNAL_URL;
    delete process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
  });
  const record = async (build: () => Record<string, pulumi.Output<unknown>>): Promise<{ registrations: Registration[]; outputs: Record<string, unknown> }> => {
    mock.registrations.length = 0;
    const built = build();
    const outputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(built)) outputs[key] = await valueOf(value);
    await mock.settle();
    return { registrations: [...mock.registrations], outputs };
  };

  test("same resources, inputs, dependencies and outputs", async () => {
    const template = templates[name];
    const hot = await record(() => {
      const stack = new HotStack("s", { template, parameters: ["heat_2a", "security-group", "network", "conditions", "group"].includes(name) ? {} : parameters, configNamespace: false });
      return stack.outputs as Record<string, pulumi.Output<unknown>>;
    });
    const program = convertTemplate({ templateFile: template }).program!;
    const converted = await record(() => runProgram(program));
    const resources = cloudResources(converted.registrations);
    expect(resources).toEqual(cloudResources(hot.registrations));
    expect(resources.length).toEqual(({ heat_2a: 1, heat_2b: 2, heat_2c: 14, heat_2d: 16, "security-group": 5, network: 6, conditions: 4, group: 5 } as Record<string, number>)[name]);
    // Every wait of the import is in the program (the program may wait longer: a component waits as a whole).
    const programWaits = waits(converted.registrations);
    const missing = [...waits(hot.registrations)].flatMap(([resource, types]) => [...types].filter((t) => !programWaits.get(resource)?.has(t)).map((t) => `${resource} waits for ${t}`));
    expect(missing).toEqual([]);
    // Auto-names come from Pulumi names, which HotStack prefixes with its own ("s-").
    const unprefixed = (v: unknown): unknown =>
      typeof v === "string" ? v.replace(/^s-/, "") : Array.isArray(v) ? v.map(unprefixed) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unprefixed(x)])) : v;
    const hotOutputs = unprefixed(hot.outputs);
    expect(converted.outputs).toEqual(hotOutputs);
  }, 120_000);
});
