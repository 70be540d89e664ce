/**
 * The equivalence check of the converter's tests: a template through HotStack and through its
 * converted program (transpiled and run in this process), both under the same mocks, compared by
 * cloud resources (type and inputs, mock ids replaced by the type they are the id of), by what
 * each resource waits for (transitively, by type) and by outputs.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { MockCloud, Registration, valueOf } from "../components/mockCloud";
import { HotStack } from "../../src/import/HotStack";

const repo = path.resolve(__dirname, "..", "..");

/** Replaces mock ids by the type of the resource they are the id of, and drops per-name fields. */
function normaliser(registrations: readonly Registration[]): (value: unknown) => unknown {
  const typeOf = new Map<string, string>(registrations.map((r) => [`${r.name}-id`, r.type]));
  const normal = (value: unknown): unknown => {
    if (typeof value === "string") return typeOf.has(value) ? `<id of ${typeOf.get(value)}>` : value;
    if (Array.isArray(value)) return value.map(normal);
    if (value !== null && typeof value === "object") {
      // The signal receiver knows handles and conditions by their Pulumi names, which differ. An
      // empty list or map is the provider's unset one (HotStack passes a server's `networks: []`,
      // a volume's `metadata: {}`).
      const empty = (v: unknown) => v !== null && typeof v === "object" && Object.keys(v).length === 0;
      const dropped = (k: string, v: unknown) => ["__provider", "handleName", "conditionName"].includes(k) || empty(v);
      return Object.fromEntries(Object.entries(value).filter(([k, v]) => !dropped(k, v)).map(([k, v]) => [k, normal(v)]));
    }
    return value;
  };
  return normal;
}

/** Cloud resources (components left out) as type and normalised inputs, sorted. */
export function cloudResources(registrations: readonly Registration[]): { type: string; inputs: unknown }[] {
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
export function runProgram(program: string): Record<string, pulumi.Output<unknown>> {
  const js = ts.transpileModule(program.replace(/from "heatshift\//g, `from "${repo}/`), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  const module = { exports: {} as Record<string, pulumi.Output<unknown>> };
  new Function("exports", "require", "module", js)(module.exports, require, module);
  return module.exports;
}

/** What one side created and exported. */
interface Run {
  readonly registrations: Registration[];
  readonly outputs: Record<string, unknown>;
}

async function record(mock: MockCloud, build: () => Record<string, pulumi.Output<unknown>>): Promise<Run> {
  mock.registrations.length = 0;
  const built = build();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(built)) outputs[key] = await valueOf(pulumi.output(value));
  await mock.settle();
  return { registrations: [...mock.registrations], outputs };
}

/** Auto-names come from Pulumi names, which HotStack prefixes with its own ("s-"). */
function unprefixed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/^s-/, "");
  if (Array.isArray(value)) return value.map(unprefixed);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unprefixed(v)]));
  return value;
}

/** The outcome of one comparison: the program's cloud resources and every difference found. */
export interface Comparison {
  readonly resources: { type: string; inputs: unknown }[];
  readonly differences: string[];
}

/**
 * Runs HotStack of `template` with `parameters` (the program reads the same values from stack
 * config: set them before) and the converted `program`, under `mock`; returns the differences:
 * resources only one side creates, waits of the import the program lacks (the program may wait
 * longer: a component waits as a whole), outputs that differ.
 */
export async function compareWithHotStack(mock: MockCloud, template: string, parameters: Readonly<Record<string, string>>, program: string): Promise<Comparison> {
  const hot = await record(mock, () => new HotStack("s", { template, parameters, configNamespace: false }).outputs as Record<string, pulumi.Output<unknown>>);
  const converted = await record(mock, () => runProgram(program));
  const resources = cloudResources(converted.registrations);
  const expected = cloudResources(hot.registrations);
  const key = (r: { type: string; inputs: unknown }) => JSON.stringify(r);
  const differences = [
    ...expected.filter((r) => !resources.some((p) => key(p) === key(r))).map((r) => `only HotStack creates ${key(r)}`),
    ...resources.filter((r) => !expected.some((h) => key(h) === key(r))).map((r) => `only the program creates ${key(r)}`),
  ];
  if (expected.length !== resources.length && differences.length === 0) differences.push(`HotStack creates ${expected.length} resources, the program ${resources.length}`);
  const programWaits = waits(converted.registrations);
  for (const [resource, types] of waits(hot.registrations)) {
    for (const t of types) if (!programWaits.get(resource)?.has(t)) differences.push(`${resource} waits for ${t} only under HotStack`);
  }
  const hotOutputs = unprefixed(hot.outputs) as Record<string, unknown>;
  for (const name of new Set([...Object.keys(hotOutputs), ...Object.keys(converted.outputs)])) {
    if (JSON.stringify(hotOutputs[name]) !== JSON.stringify(converted.outputs[name])) {
      differences.push(`output ${name}: HotStack ${JSON.stringify(hotOutputs[name])}, the program ${JSON.stringify(converted.outputs[name])}`);
    }
  }
  return { resources, differences };
}
