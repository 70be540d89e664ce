/**
 * The equivalence check of the converter's tests: a template through HotStack and through its
 * converted program (transpiled and run in this process), both under the same mocks, compared by
 * cloud resources (type and inputs, mock ids replaced by the type they are the id of), by what
 * each resource waits for (transitively, by type) and by outputs.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { cloud, MockCloud, Registration, valueOf } from "../components/mockCloud";
import { HotStack } from "../../src/import/HotStack";

const repo = path.resolve(__dirname, "..", "..");

/**
 * Mock ids and auto-names as `<id of TYPE>`, `<auto-name of TYPE>`: both depend on Pulumi names,
 * which differ between HotStack's children and the program's resources.
 */
function mockNames(registrations: readonly Registration[]): (value: string) => string {
  const names = new Map<string, string>();
  for (const r of registrations) {
    names.set(`${r.name}-id`, `<id of ${r.type}>`);
    names.set(`${r.name}${cloud.autoNameSuffix}`, `<auto-name of ${r.type}>`);
  }
  return (value) => names.get(value) ?? value;
}

/** Every string of a value through `map`. */
function mapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}

/** Replaces mock ids and auto-names (mockNames), and drops per-name fields. */
function normaliser(registrations: readonly Registration[]): (value: unknown) => unknown {
  const named = mockNames(registrations);
  const normal = (value: unknown): unknown => {
    if (typeof value === "string") return named(value);
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

/** Cloud resources (components left out) as type, normalised inputs and the ID of the resource taken over (if any), sorted. */
export function cloudResources(registrations: readonly Registration[]): { type: string; inputs: unknown; importId?: string }[] {
  const normal = normaliser(registrations);
  return registrations
    .filter((r) => !r.type.startsWith("heatshift:"))
    .map((r) => ({ type: r.type, inputs: normal(r.inputs), ...(r.importId === undefined ? {} : { importId: r.importId }) }))
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

/**
 * Compiles programs (`files`, relative to `dir`) with tsc --strict, as a generated project's
 * tsconfig does, and returns tsc's diagnostics ("" when they compile). With `paths` (the default)
 * their `heatshift/...` imports point at this repository; without, a `node_modules/heatshift` link
 * must resolve them, as npm installs the `file:` dependency.
 */
export function strictCompile(dir: string, files: readonly string[], { paths = true }: { readonly paths?: boolean } = {}): string {
  const resolution = paths ? { baseUrl: ".", paths: { "heatshift/*": [`${path.relative(dir, repo)}/*`] } } : {};
  const tsconfig = { compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true, ...resolution }, files };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    return "";
  } catch (error) {
    return (error as { stdout?: string }).stdout || (error as Error).message;
  }
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
  /** The message of the error the stack or program stopped with while it was built. */
  readonly failure?: string;
}

async function record(mock: MockCloud, build: () => Record<string, pulumi.Output<unknown>>): Promise<Run> {
  mock.registrations.length = 0;
  let built: Record<string, pulumi.Output<unknown>>;
  try {
    built = build();
  } catch (error) {
    await mock.settle();
    return { registrations: [...mock.registrations], outputs: {}, failure: (error as Error).message };
  }
  const outputs: Record<string, unknown> = {};
  // An output Heat cannot compute (a function's error) is compared by its message.
  for (const [key, value] of Object.entries(built)) outputs[key] = await valueOf(pulumi.output(value)).catch((error: Error) => ({ error: error.message }));
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
  /** Both sides stopped with this error while built (Heat's function error for these parameter values). */
  readonly failure?: string;
}

/** The program's exports by HOT output name (an output name that is no identifier is exported camelCased, after a comment naming it). */
function byOutputName(program: string, exports: Record<string, unknown>): Record<string, unknown> {
  const renamed = new Map([...program.matchAll(/^\/\/ Heat's output ("(?:[^"\\\n]|\\.)*")\.\nexport const ([\w$]+) /gm)].map((m) => [m[2], JSON.parse(m[1]) as string]));
  return Object.fromEntries(Object.entries(exports).map(([name, value]) => [renamed.get(name) ?? name, value]));
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
  if (hot.failure !== undefined || converted.failure !== undefined) {
    if (hot.failure === converted.failure) return { resources: [], differences: [], failure: hot.failure };
    return { resources: [], differences: [`HotStack stops with ${JSON.stringify(hot.failure)}, the program with ${JSON.stringify(converted.failure)}`] };
  }
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
  const hotOutputs = unprefixed(mapStrings(hot.outputs, mockNames(hot.registrations))) as Record<string, unknown>;
  const programOutputs = mapStrings(byOutputName(program, converted.outputs), mockNames(converted.registrations)) as Record<string, unknown>;
  for (const name of new Set([...Object.keys(hotOutputs), ...Object.keys(programOutputs)])) {
    if (JSON.stringify(hotOutputs[name]) !== JSON.stringify(programOutputs[name])) {
      differences.push(`output ${name}: HotStack ${JSON.stringify(hotOutputs[name])}, the program ${JSON.stringify(programOutputs[name])}`);
    }
  }
  return { resources, differences };
}
