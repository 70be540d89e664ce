/**
 * Environment files (`-e`), as heatclient reads them and Heat's engine merges and applies them
 * (heat/common/environment_format.py, environment_util.py `merge_environments`,
 * heat/engine/environment.py `ResourceRegistry`): sections, parameter merge strategies, and the
 * resource registry that maps a resource's type to another type or to a nested template.
 */
import * as path from "path";
import { Diagnostics, NodePath } from "./diagnostics";
import { describeType, isMap } from "./functions/python";
import { ParameterType, pyStr } from "./constraints";
import { HotMap, parseEnvironmentText } from "./parse";

/** The sections an environment file may have. */
export const ENVIRONMENT_SECTIONS = [
  "parameters",
  "parameter_defaults",
  "resource_registry",
  "encrypted_param_names",
  "event_sinks",
  "parameter_merge_strategies",
] as const;

/** How a parameter given in several environment files is combined. */
export type MergeStrategy = "overwrite" | "merge" | "deep_merge";

const STRATEGIES: readonly string[] = ["overwrite", "merge", "deep_merge"];

/** One environment file, read and checked. */
export interface EnvironmentFile {
  /** The file name used in diagnostics. */
  readonly file: string;
  /** The directory relative template paths are resolved against (the file's own directory). */
  readonly baseDir: string;
  readonly parameters: HotMap;
  readonly parameterDefaults: HotMap;
  readonly resourceRegistry: HotMap;
  readonly eventSinks: readonly unknown[];
  readonly encryptedParamNames: readonly unknown[];
  readonly mergeStrategies: HotMap;
}

/**
 * Parse and check one environment file: Heat's sections, no empty section. Every problem goes to
 * `diagnostics`; undefined when Heat would reject the file (bad YAML, not a mapping, unknown or empty
 * sections, bad event sinks).
 */
export function parseEnvironmentFile(text: string, file: string, diagnostics: Diagnostics): EnvironmentFile | undefined {
  const parsed = diagnostics.capture(() => parseEnvironmentText(text, file));
  if (!parsed) return undefined;
  for (const p of parsed.problems) diagnostics.add(p);
  const env = parsed.value;
  let bad = false;
  for (const [key, value] of Object.entries(env)) {
    if (!(ENVIRONMENT_SECTIONS as readonly string[]).includes(key)) {
      diagnostics.error(`environment has wrong section "${key}" (allowed: ${ENVIRONMENT_SECTIONS.join(", ")})`, file, [key], {
        target: "key",
      });
      bad = true;
    } else if (value === null) {
      diagnostics.error(`environment has empty section "${key}": remove it or give it entries`, file, [key], { target: "key" });
      bad = true;
    }
  }
  const mapSection = (key: string): HotMap => {
    const v = env[key];
    if (v === undefined || v === null) return {};
    if (!isMap(v)) {
      diagnostics.error(`environment section "${key}" must be a map, found ${Array.isArray(v) ? "a list" : JSON.stringify(v)}`, file, [key]);
      bad = true;
      return {};
    }
    return v;
  };
  const listSection = (key: string): unknown[] => {
    const v = env[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      diagnostics.error(`environment section "${key}" must be a list`, file, [key]);
      bad = true;
      return [];
    }
    return v;
  };
  const result: EnvironmentFile = {
    file,
    baseDir: path.dirname(file),
    parameters: mapSection("parameters"),
    parameterDefaults: mapSection("parameter_defaults"),
    resourceRegistry: mapSection("resource_registry"),
    eventSinks: listSection("event_sinks"),
    encryptedParamNames: listSection("encrypted_param_names"),
    mergeStrategies: mapSection("parameter_merge_strategies"),
  };
  result.eventSinks.forEach((sink, i) => {
    const type = isMap(sink) ? sink.type : undefined;
    if (type !== "zaqar-queue") {
      diagnostics.error(`event_sinks entry has unknown type ${JSON.stringify(type)} (Heat knows zaqar-queue)`, file, ["event_sinks", i]);
      bad = true;
    } else {
      diagnostics.unhonoured("event_sinks are not honoured: stack events are not pushed to a Zaqar queue", file, ["event_sinks", i]);
    }
  });
  for (const [name, strategy] of Object.entries(result.mergeStrategies)) {
    if (typeof strategy !== "string" || !STRATEGIES.includes(strategy)) {
      // Heat silently falls back to the file's default strategy; say so.
      diagnostics.warning(
        `unknown merge strategy ${JSON.stringify(strategy)} for ${name}: Heat uses the file's default (${STRATEGIES.join(", ")} are known)`,
        file,
        ["parameter_merge_strategies", name],
      );
    }
  }
  checkRegistry(result, diagnostics);
  return bad ? undefined : result;
}

const HOOK_TYPES = ["pre-create", "pre-update", "pre-delete", "post-create", "post-update", "post-delete"];
const RESTRICTED_ACTIONS = ["update", "replace"];

function checkNamedList(value: unknown, allowed: readonly string[]): boolean {
  if (typeof value === "string") return allowed.includes(value);
  return Array.isArray(value) && value.every((v) => typeof v === "string" && allowed.includes(v));
}

/** Heat's checks of hooks and restricted_actions entries; both are honoured by nothing in Pulumi, so they warn. */
function checkRegistry(env: EnvironmentFile, diagnostics: Diagnostics): void {
  const walk = (node: HotMap, at: NodePath) => {
    for (const [key, value] of Object.entries(node)) {
      const here = [...at, key];
      if (key === "hooks") {
        if (!checkNamedList(value, HOOK_TYPES)) {
          diagnostics.error(
            `Invalid hook type "${pyStr(value)}" for resource breakpoint, acceptable hook types are: (${HOOK_TYPES.map((t) => `'${t}'`).join(", ")})`,
            env.file,
            here,
          );
        } else diagnostics.unhonoured("hooks (breakpoints) are not honoured: Pulumi does not pause at resources", env.file, here);
      } else if (key === "restricted_actions") {
        if (!checkNamedList(value, RESTRICTED_ACTIONS)) {
          diagnostics.error(
            `Invalid restricted_action type "${pyStr(value)}" for resource, acceptable restricted_action types are: (${RESTRICTED_ACTIONS.map((t) => `'${t}'`).join(", ")})`,
            env.file,
            here,
          );
        } else {
          diagnostics.unhonoured(
            "restricted_actions are not honoured: use the HotStack resource options (protect, ignoreChanges) instead",
            env.file,
            here,
          );
        }
      } else if (isMap(value)) walk(value, here);
      else if (typeof value === "string") {
        if (key !== "base_url" && !value.includes("::") && !TEMPLATE_SUFFIX.test(value) && !/^https?:\/\//.test(value)) {
          // heatclient reads such a value as a file and Heat then takes it for a type name: a resource of
          // that type fails ("could not be found"); unused, the entry is harmless.
          diagnostics.warning(
            `resource_registry maps ${key} to "${value}", which is neither a resource type (Vendor::Service::Name) nor a template file ending in .yaml or .template: resources of type ${key} cannot be created`,
            env.file,
            here,
          );
        }
      } else if (value !== null) {
        diagnostics.error(`resource_registry entry ${key} must map to a type name or a template file, found ${JSON.stringify(value)}`, env.file, here);
      }
    }
  };
  walk(env.resourceRegistry, ["resource_registry"]);
}

/** Where a value of the merged environment was written, for positions in messages. */
export interface ValueSite {
  readonly file: string;
  readonly path: NodePath;
}

/** Every environment file merged in order, plus the CLI parameters, as Heat's engine merges them. */
export interface Environment {
  /** User values: CLI `-P` values overlaid by each file's `parameters` (files win, as in Heat). */
  readonly parameters: HotMap;
  readonly parameterDefaults: HotMap;
  readonly registry: ResourceRegistry;
  readonly eventSinks: readonly unknown[];
  /** Where each user value and parameter default came from (absent: the CLI or the component args). */
  readonly parameterSites: ReadonlyMap<string, ValueSite>;
  readonly parameterDefaultSites: ReadonlyMap<string, ValueSite>;
}

/** Heat's merge_map: shallow (or deep) per key; null values are skipped; the first non-empty map is taken as is. */
function mergeMap(old: HotMap | undefined, next: HotMap, deep = false): HotMap {
  if (!old || Object.keys(old).length === 0) return { ...next };
  const out: HotMap = { ...old };
  for (const [k, v] of Object.entries(next)) {
    if (v === null || v === undefined) continue;
    const prev = out[k];
    if (!deep) out[k] = v;
    else if (isMap(v)) out[k] = isMap(prev) && Object.keys(prev).length ? mergeMap(prev, v, true) : v;
    else if (Array.isArray(v)) out[k] = prev ? mergeList(prev, v) : v;
    else if (typeof v === "string") out[k] = (typeof prev === "string" ? prev : "") + v;
    else out[k] = v;
  }
  return out;
}

/** Heat's merge_list: lists extend, strings join with ','. */
function mergeList(old: unknown, next: unknown): unknown {
  if (!old || (Array.isArray(old) && old.length === 0)) return next;
  if (Array.isArray(next)) return [...(Array.isArray(old) ? old : [old]), ...next];
  return [old, next].join(",");
}

/** The types of the parameters environment values may merge into (Heat: the template's and its nested templates'). */
export type ParameterTypes = ReadonlyMap<string, ParameterType>;

/**
 * Heat's `param_merge` for the merge/deep_merge strategies. Heat's `parse_param` wants a string or a
 * list for every type but json, so number parameters merge only as strings, and then Python's `+`
 * concatenates them ('1' and '2' give '12'): heatshift does what Heat does.
 */
function mergeParameter(old: HotMap, key: string, value: unknown, type: ParameterType, deep: boolean, strategy: MergeStrategy): void {
  let parsed = value;
  if (type === "json") {
    try {
      parsed = typeof value === "string" ? (value === "" ? value : JSON.parse(value)) : value;
    } catch (e) {
      throw new Error(`Invalid parameter in environment ${(e as Error).message}.`);
    }
  } else if (typeof value !== "string" && !Array.isArray(value)) {
    throw new Error("Invalid parameter in environment .");
  }
  switch (type) {
    case "json":
      old[key] = mergeMap(isMap(old[key]) ? (old[key] as HotMap) : {}, isMap(parsed) ? parsed : {}, deep);
      return;
    case "comma_delimited_list":
      old[key] = mergeList(old[key], parsed);
      return;
    case "string":
      old[key] = (typeof old[key] === "string" ? old[key] : "") + pyStr(parsed);
      return;
    case "number": {
      const previous = old[key] ?? 0;
      if (typeof previous !== "string" || typeof parsed !== "string") {
        throw new Error(`unsupported operand type(s) for +: '${describeType(previous)}' and '${describeType(parsed)}'`);
      }
      old[key] = previous + parsed;
      return;
    }
    case "boolean":
      throw new Error(`Invalid merge strategy '${strategy}' for parameter '${key}'.`);
  }
}

/**
 * Merge environment files in order over the CLI parameters, as Heat's `merge_environments` does:
 * `parameters` and `parameter_defaults` per each parameter's merge strategy (default overwrite),
 * the other sections key by key. Problems go to `diagnostics`.
 */
export function mergeEnvironments(
  files: readonly EnvironmentFile[],
  cliParameters: Readonly<HotMap>,
  parameterTypes: ParameterTypes,
  diagnostics: Diagnostics,
): Environment {
  const sections: Record<"parameters" | "parameter_defaults", HotMap> = { parameters: { ...cliParameters }, parameter_defaults: {} };
  const sites: Record<"parameters" | "parameter_defaults", Map<string, ValueSite>> = {
    parameters: new Map(),
    parameter_defaults: new Map(),
  };
  const chosen = new Map<string, MergeStrategy>();
  let registryMap: HotMap = {};
  const registrySources = new Map<string, EnvironmentFile>();
  const eventSinks: unknown[] = [];
  for (const env of files) {
    const strategies = env.mergeStrategies;
    const fileDefault = (STRATEGIES.includes(strategies.default as string) ? strategies.default : "overwrite") as MergeStrategy;
    for (const section of ["parameters", "parameter_defaults"] as const) {
      const values = section === "parameters" ? env.parameters : env.parameterDefaults;
      if (Object.keys(values).length === 0) continue;
      const known = Object.entries(values).filter(([k, v]) => parameterTypes.has(k) && v !== null && v !== undefined);
      for (const [key] of known) {
        const asked = strategies[key] ?? chosen.get(key) ?? fileDefault;
        const strategy = (STRATEGIES.includes(asked as string) ? asked : fileDefault) as MergeStrategy;
        const previous = chosen.get(key);
        if (previous === undefined) chosen.set(key, strategy);
        else if (previous !== strategy) {
          diagnostics.error(`Conflicting merge strategy '${strategy}' for parameter '${key}' in file '${env.file}'.`, env.file, [
            "parameter_merge_strategies",
            key,
          ]);
        }
      }
      const old = sections[section];
      if (Object.keys(old).length === 0) {
        // Heat takes the first non-empty section whole, names unknown to the template included.
        sections[section] = { ...values };
        for (const key of Object.keys(values)) sites[section].set(key, { file: env.file, path: [section, key] });
        continue;
      }
      for (const [key, value] of known) {
        const strategy = chosen.get(key) ?? "overwrite";
        sites[section].set(key, { file: env.file, path: [section, key] });
        if (strategy === "overwrite") {
          old[key] = value;
          continue;
        }
        try {
          mergeParameter(old, key, value, parameterTypes.get(key) as ParameterType, strategy === "deep_merge", strategy);
        } catch (e) {
          diagnostics.error((e as Error).message, env.file, [section, key]);
        }
      }
    }
    const merged = mergeMap(registryMap, env.resourceRegistry);
    for (const key of Object.keys(env.resourceRegistry)) {
      if (merged[key] === env.resourceRegistry[key]) registrySources.set(key, env);
    }
    registryMap = merged;
    eventSinks.push(...env.eventSinks);
  }
  return {
    parameters: sections.parameters,
    parameterDefaults: sections.parameter_defaults,
    registry: ResourceRegistry.fromMap(registryMap, (key) => registrySources.get(key)),
    eventSinks,
    parameterSites: sites.parameters,
    parameterDefaultSites: sites.parameter_defaults,
  };
}

/** What a resource's type finally means. */
export type EffectiveType =
  | {
      readonly kind: "type";
      /** The plugin type after aliases (e.g. OS::Neutron::Net for OS::Quantum::Net). */
      readonly type: string;
      /** Every type name on the way, the written one first. */
      readonly chain: readonly string[];
    }
  | {
      readonly kind: "template";
      /** The nested template: an absolute file path (or a URL, which heatshift cannot fetch offline). */
      readonly template: string;
      /** The registry key that mapped to the template (removed from the nested stack's registry, as in Heat). */
      readonly registryType: string;
      readonly chain: readonly string[];
    };

const TEMPLATE_SUFFIX = /\.(yaml|template)$/;

/** One mapping of the registry (Heat's ResourceInfo). */
interface RegistryEntry {
  /** The registry path: `[type]` or `["resources", resourceName, type]`. */
  readonly path: readonly string[];
  /** The mapped value: a type, a glob target, or a template file. */
  readonly value: string;
  readonly kind: "alias" | "glob" | "template";
  /** User entries come from environment files, global ones are Heat's default environment. */
  readonly user: boolean;
  /** Where the entry was written (undefined for global ones). */
  readonly site?: ValueSite;
  /** The directory its relative template path is read from. */
  readonly baseDir?: string;
}

/** Heat's default global environment (/etc/heat/environment.d/default.yaml), minus its AWS file templates. */
const GLOBAL_ENTRIES: readonly [string, string][] = [
  ["OS::Quantum*", "OS::Neutron*"],
  ["OS::Metering::Alarm", "OS::Aodh::Alarm"],
  ["OS::Ceilometer::Alarm", "OS::Aodh::Alarm"],
  ["OS::Ceilometer::GnocchiResourcesAlarm", "OS::Aodh::GnocchiResourcesAlarm"],
  ["OS::Ceilometer::GnocchiAggregationByMetricsAlarm", "OS::Aodh::GnocchiAggregationByMetricsAlarm"],
  ["OS::Ceilometer::GnocchiAggregationByResourcesAlarm", "OS::Aodh::GnocchiAggregationByResourcesAlarm"],
  ["OS::Ceilometer::CombinationAlarm", "OS::Aodh::CombinationAlarm"],
];

function classify(name: string, value: string): RegistryEntry["kind"] {
  if (TEMPLATE_SUFFIX.test(name) || TEMPLATE_SUFFIX.test(value)) return "template";
  return name.endsWith("*") ? "glob" : "alias";
}

/** Compare registry candidates as Heat's ResourceInfo.__lt__: user first, longer path first, then path order. */
function compareEntries(a: RegistryEntry, b: RegistryEntry): number {
  if (a.user !== b.user) return a.user ? -1 : 1;
  if (a.path.length !== b.path.length) return b.path.length - a.path.length;
  for (let i = 0; i < a.path.length; i++) {
    if (a.path[i] !== b.path[i]) return a.path[i] < b.path[i] ? -1 : 1;
  }
  return 0;
}

/** Turn a registry template value into a file path: `file://` URLs and paths relative to the env file. */
function templateLocation(value: string, baseDir: string | undefined): string {
  if (/^https?:\/\//.test(value)) return value;
  if (value.startsWith("file://")) return decodeURIComponent(value.slice("file://".length));
  return path.resolve(baseDir ?? ".", value);
}

/** The global environment's entries, classified once. */
const GLOBALS: readonly RegistryEntry[] = GLOBAL_ENTRIES.map(([name, value]) => ({ path: [name], value, kind: classify(name, value), user: false }));

/** Options of {@link ResourceRegistry.resolve}. */
export interface ResolveOptions {
  /** The resource's name, for per-resource (`resources:`) overrides. */
  readonly resourceName?: string;
  /** The directory of the template that uses the type, for `type: file.yaml`. @default "." */
  readonly templateDir?: string;
  /**
   * Whether a plugin type exists; a candidate ending at an unknown type is skipped, as Heat skips it.
   * @default every type exists
   */
  readonly isKnownType?: (type: string) => boolean;
}

/** The `resources:` part of a registry: per-resource overrides, possibly nested for inner stacks. */
interface ResourceOverrides {
  readonly raw: HotMap;
  /** The path of `raw` in its environment file. */
  readonly at: NodePath;
  readonly file?: string;
  readonly baseDir?: string;
}

/** The resource_registry of the merged environment, with Heat's lookup rules. */
export class ResourceRegistry {
  private readonly globals = GLOBALS;

  private constructor(
    private readonly entries: ReadonlyMap<string, RegistryEntry>,
    private readonly overrides: ResourceOverrides,
  ) {}

  /** A registry from a merged `resource_registry` map; `sourceOf` tells which file each top-level key came from. */
  static fromMap(registry: HotMap = {}, sourceOf: (key: string) => EnvironmentFile | undefined = () => undefined): ResourceRegistry {
    const baseUrl = typeof registry.base_url === "string" ? registry.base_url : undefined;
    const baseDirOf = (env: EnvironmentFile | undefined) => (baseUrl ? templateLocation(baseUrl, env?.baseDir) : env?.baseDir);
    const entries = new Map<string, RegistryEntry>();
    for (const [key, value] of Object.entries(registry)) {
      if (key === "resources" || key === "base_url" || typeof value !== "string") continue;
      const env = sourceOf(key);
      const site = env ? { file: env.file, path: ["resource_registry", key] } : undefined;
      entries.set(key, { path: [key], value, kind: classify(key, value), user: true, site, baseDir: baseDirOf(env) });
    }
    const env = sourceOf("resources");
    const raw = isMap(registry.resources) ? registry.resources : {};
    return new ResourceRegistry(entries, { raw, at: ["resource_registry", "resources"], file: env?.file, baseDir: baseDirOf(env) });
  }

  /** The string-valued overrides of one resource name (exact match, as Heat looks them up). */
  private override(resourceName: string, type: string): RegistryEntry | undefined {
    const own = this.overrides.raw[resourceName];
    if (!isMap(own) || typeof own[type] !== "string") return undefined;
    const value = own[type] as string;
    const baseDir = typeof own.base_url === "string" ? templateLocation(own.base_url, this.overrides.baseDir) : this.overrides.baseDir;
    const site = this.overrides.file ? { file: this.overrides.file, path: [...this.overrides.at, resourceName, type] } : undefined;
    return { path: ["resources", resourceName, type], value, kind: classify(type, value), user: true, site, baseDir };
  }

  private candidates(type: string, resourceName: string | undefined, templateDir: string): RegistryEntry[] {
    const found: RegistryEntry[] = [];
    if (TEMPLATE_SUFFIX.test(type)) {
      found.push({ path: [type], value: type, kind: "template", user: true, baseDir: templateDir });
    }
    const own = resourceName === undefined ? undefined : this.override(resourceName, type);
    if (own) found.push(own);
    const exact = this.entries.get(type);
    if (exact) found.push(exact);
    for (const [name, entry] of this.entries) {
      if (entry.kind === "glob" && type !== entry.value && type.startsWith(name.slice(0, -1))) found.push(entry);
    }
    for (const entry of this.globals) {
      const name = entry.path[0];
      if (entry.kind === "glob" ? type !== entry.value && type.startsWith(name.slice(0, -1)) : name === type) found.push(entry);
    }
    return found.sort(compareEntries);
  }

  /**
   * Heat's `get_resource_info`: follow per-resource overrides, aliases and globs to a plugin type or a
   * nested template. Throws an Error with Heat's message when no candidate leads to a known type.
   */
  resolve(type: string, options: ResolveOptions = {}): EffectiveType {
    const result = this.follow(type, options, options.templateDir ?? ".", [type], 0);
    if (!result) throw new Error(`The Resource Type (${type}) could not be found.`);
    return result;
  }

  private follow(type: string, options: ResolveOptions, templateDir: string, chain: string[], depth: number): EffectiveType | undefined {
    if (depth > 20) throw new Error(`resource_registry mappings of ${chain[0]} loop: ${chain.join(" -> ")}`);
    for (const entry of this.candidates(type, options.resourceName, templateDir)) {
      const name = entry.path[entry.path.length - 1];
      if (entry.kind === "template") {
        // A key that is itself a template file names the template; otherwise the value does.
        const template = TEMPLATE_SUFFIX.test(name) ? name : entry.value;
        return { kind: "template", template: templateLocation(template, entry.baseDir), registryType: name, chain };
      }
      const next = entry.kind === "glob" && entry.value.endsWith("*") ? entry.value.slice(0, -1) + type.slice(name.length - 1) : entry.value;
      const found = this.follow(next, options, templateDir, [...chain, next], depth + 1);
      if (found) return found;
    }
    if (TEMPLATE_SUFFIX.test(type) || (options.isKnownType && !options.isKnownType(type))) return undefined;
    return { kind: "type", type, chain };
  }

  /** Where a registry entry was written, for diagnostics about it. */
  siteOf(type: string, resourceName?: string): ValueSite | undefined {
    return (resourceName === undefined ? undefined : this.override(resourceName, type)?.site) ?? this.entries.get(type)?.site;
  }

  /**
   * The registry a nested stack sees (Heat's `get_child_environment`): the same mappings without the
   * one that produced the template resource (so `OS::Nova::Server: server.yaml` may use
   * OS::Nova::Server inside), and `resources:` narrowed to what the entries matching the resource's
   * name (fnmatch patterns, then the exact name) hold: the overrides of the nested stack's resources.
   */
  child(resourceName: string, removedType?: string): ResourceRegistry {
    const entries = new Map(this.entries);
    if (removedType !== undefined && entries.get(removedType)?.kind === "template") entries.delete(removedType);
    const raw: HotMap = {};
    let at: NodePath = this.overrides.at;
    for (const [pattern, value] of Object.entries(this.overrides.raw)) {
      if (pattern !== resourceName && fnmatch(resourceName, pattern) && isMap(value)) {
        Object.assign(raw, value);
        at = [...this.overrides.at, pattern];
      }
    }
    const exact = this.overrides.raw[resourceName];
    if (isMap(exact)) {
      Object.assign(raw, exact);
      at = [...this.overrides.at, resourceName];
    }
    return new ResourceRegistry(entries, { ...this.overrides, raw, at });
  }
}

/** Python's fnmatch.fnmatchcase for resource name patterns (`*`, `?`, `[...]`). */
export function fnmatch(name: string, pattern: string): boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith("!")) body = "^" + body.slice(1);
        re += "[" + body.replace(/\\/g, "\\\\") + "]";
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(re + "$", "s").test(name);
}
