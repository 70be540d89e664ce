/**
 * A template with its environment, ready to plan or import: parameters bound, conditions decided,
 * every resource's type looked up (environment registry, then heatshift's registry, nested
 * templates loaded), functions resolved and checked, properties checked against Heat's schemas
 * with the values known before deployment, and the dependency graph built. `validate`, `plan` and
 * `HotStack` all start here, so they report the same problems.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Conditions } from "../hot/conditions";
import { Diagnostics, HotError, NodePath } from "../hot/diagnostics";
import { Environment, EnvironmentFile, EffectiveType, mergeEnvironments, parseEnvironmentFile, ResourceRegistry as EnvironmentRegistry } from "../hot/environment";
import { functionsForVersion, VersionFunctions } from "../hot/functions/index";
import { GetResourceNode } from "../hot/functions/get_resource";
import { resolveSnippet } from "../hot/functions/resolve";
import {
  AttributeReference,
  collectAttributeReferences,
  collectDependencies,
  FunctionContext,
  FunctionNode,
  OMIT,
  Snippet,
  validateSnippet,
} from "../hot/functions/types";
import { ParameterDefinition, resolveParameters, ResolvedParameter } from "../hot/parameters";
import { setKey } from "../hot/parse";
import { loadTemplate, HotTemplate, OutputDefinition, ResourceDefinition } from "../hot/template";
import { DeletionPolicy } from "../hot/versions";
import { HEAT_RESOURCE_TYPES } from "../registry/heatTypes";
import { registry as builtinRegistry, ResourceRegistry } from "../registry/index";
import { isPlainMap, renameDeprecated, resolveProperties } from "../registry/properties";
import { NestedDefinition, RegistryEntry, StaticValue } from "../registry/types";
import { buildDependencyGraph, createDependencyView, DependencyGraph, GraphResource } from "./graph";

/** A value known only after deployment (a get_resource/get_attr result while validating or planning). */
export const UNKNOWN: unique symbol = Symbol("heatshift.unknown");

/**
 * Thrown inside offline evaluation when a value depends on a parameter that has no value yet, or
 * on a file that cannot be read (the get_file check reports that once, at the get_file).
 */
class NotKnownOffline extends Error {}

/** What to load. */
export interface LoadOptions {
  /** The template file. */
  readonly templateFile: string;
  /** The template text. @default - read from `templateFile` */
  readonly templateText?: string;
  /** Environment files (`-e`), in order. @default [] */
  readonly environmentFiles?: readonly string[];
  /** Parameter values (component args or CLI `-P`); environment files' `parameters` override them, as in Heat. @default {} */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Values for parameters still missing (Pulumi config). @default - none */
  readonly parameterFallback?: (name: string) => string | undefined;
  /** The stack name (`OS::stack_name`). @default "heatshift" */
  readonly stackName?: string;
  /** Constructs accepted but not fully honoured become errors. @default false */
  readonly strict?: boolean;
  /** heatshift's resource registry. @default the built-in one */
  readonly registry?: ResourceRegistry;
  /**
   * A required parameter without a value is an error (as at stack create). When false, its value
   * counts as unknown and the rest of the template is still checked (as Heat's template-validate).
   * @default true
   */
  readonly requireParameters?: boolean;
  /**
   * Heat's `max_template_size`, in characters (nested templates too).
   * @default 524288, as in Heat
   */
  readonly maxTemplateSize?: number;
  /** Reads a file (templates, environment files, get_file). @default fs.readFileSync(path, "utf8") */
  readonly readFile?: (file: string) => string;
}

/** One resource after loading. */
export interface LoadedResource {
  readonly name: string;
  readonly definition: ResourceDefinition;
  /** The file the resource is written in. */
  readonly file: string;
  /** The type after environment aliases (a registry type), or the nested template's path. */
  readonly type: string;
  /** The heatshift registry entry (plugin types). */
  readonly entry?: RegistryEntry;
  /** The nested template (template resources), loaded with the properties known now. */
  readonly nested?: LoadedStack;
  /** The environment registry the nested stack uses. */
  readonly nestedEnvironment?: EnvironmentRegistry;
  /** ResourceGroup members of a template type: one nested template per member, in index order. */
  readonly members?: readonly LoadedMember[];
  /** Properties with functions resolved (null elision and `if` applied). */
  readonly properties: Snippet;
  readonly metadata?: Snippet;
  readonly deletionPolicy: DeletionPolicy;
  /** The physical id to adopt, resolved. */
  readonly externalId?: Snippet;
  /** update_policy as written (kept, not honoured). */
  readonly updatePolicy?: unknown;
}

/** A ResourceGroup member whose type is a template: its nested template, loaded with the member's properties. */
export interface LoadedMember {
  /** The member name ("0", "1", ...). */
  readonly name: string;
  /** The member's nested template, its parameters bound to the member's properties (index substituted). */
  readonly stack: LoadedStack;
  /** The environment registry the member's nested stack uses. */
  readonly registry: EnvironmentRegistry;
}

/** One output after loading. */
export interface LoadedOutput {
  readonly name: string;
  readonly definition: OutputDefinition;
  /** The value with functions resolved; null when its condition is false. */
  readonly value: Snippet;
  readonly enabled: boolean;
}

/** A loaded template. */
export interface LoadedStack {
  readonly template: HotTemplate;
  readonly table: VersionFunctions;
  readonly environment: Environment;
  readonly registry: EnvironmentRegistry;
  readonly parameters: ReadonlyMap<string, ResolvedParameter>;
  readonly conditions?: Conditions;
  /** Enabled resources in template order. */
  readonly resources: readonly LoadedResource[];
  /** Resources whose condition is false. */
  readonly removed: ReadonlySet<string>;
  readonly outputs: readonly LoadedOutput[];
  readonly graph: DependencyGraph;
  readonly diagnostics: Diagnostics;
  /** Reads a file named by get_file (relative to the template). */
  readonly getFile: (name: string) => string | undefined;
  /** The facade values for a nested template (resource_facade). */
  readonly facade?: (kind: "metadata" | "deletion_policy" | "update_policy") => unknown;
}

/** The outcome of {@link loadStack}: the stack when the template could be read, and every problem. */
export interface LoadResult {
  readonly stack?: LoadedStack;
  readonly diagnostics: Diagnostics;
}

/** Reads, checks and plans a template. Problems are in `diagnostics`; nothing is thrown for bad templates. */
export function loadStack(options: LoadOptions): LoadResult {
  const diagnostics = new Diagnostics({ strict: options.strict ?? false });
  const read = options.readFile ?? ((file: string) => fs.readFileSync(file, "utf8"));
  const environmentFiles: EnvironmentFile[] = [];
  for (const file of options.environmentFiles ?? []) {
    const text = readOrReport(read, file, diagnostics, "environment file");
    if (text === undefined) continue;
    const env = diagnostics.capture(() => parseEnvironmentFile(text, file, diagnostics));
    if (env) environmentFiles.push(env);
  }
  const text = options.templateText ?? readOrReport(read, options.templateFile, diagnostics, "template");
  if (text === undefined) return { diagnostics };
  const template = loadTemplate(text, options.templateFile, diagnostics, { maxTemplateSize: options.maxTemplateSize });
  if (!template) return { diagnostics };
  const parameterTypes = new Map([...template.parameters.values()].map((d) => [d.name, d.type] as const));
  const environment = mergeEnvironments(environmentFiles, { ...(options.parameters ?? {}) }, parameterTypes, diagnostics);
  const unknownParameters = new Set<string>();
  if (options.requireParameters === false) {
    for (const def of template.parameters.values()) {
      const given = [environment.parameters[def.name], environment.parameterDefaults[def.name], def.default, options.parameterFallback?.(def.name)];
      if (given.every((v) => v === undefined || v === null)) unknownParameters.add(def.name);
    }
  }
  const stack = loadTemplateWith(template, {
    diagnostics,
    read,
    environment,
    registry: environment.registry,
    values: environment.parameters,
    parameterDefaults: environment.parameterDefaults,
    parameterFallback: options.parameterFallback,
    stackName: options.stackName ?? "heatshift",
    heatshiftRegistry: options.registry ?? builtinRegistry,
    depth: 0,
    unknownParameters,
  });
  return { stack, diagnostics };
}

interface Context {
  readonly diagnostics: Diagnostics;
  readonly read: (file: string) => string;
  readonly environment: Environment;
  readonly registry: EnvironmentRegistry;
  readonly values: Readonly<Record<string, unknown>>;
  readonly parameterDefaults: Readonly<Record<string, unknown>>;
  readonly parameterFallback?: (name: string) => string | undefined;
  readonly stackName: string;
  readonly heatshiftRegistry: ResourceRegistry;
  readonly depth: number;
  /** For nested templates: parameters whose value is known only after deployment. */
  readonly unknownParameters?: ReadonlySet<string>;
  readonly facade?: (kind: "metadata" | "deletion_policy" | "update_policy") => unknown;
}

/** Why a file could not be read, without the absolute path Node puts in its message. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return (error as Error).message;
}

function readOrReport(read: (file: string) => string, file: string, diagnostics: Diagnostics, what: string): string | undefined {
  try {
    return read(file);
  } catch (error) {
    diagnostics.error(`cannot read ${what} ${file}: ${readFailure(error)}`, file, []);
    return undefined;
  }
}

function loadTemplateWith(template: HotTemplate, ctx: Context): LoadedStack {
  const { diagnostics } = ctx;
  const file = template.file;
  const table = functionsForVersion(template.version.date)!;
  const fallback: Record<string, unknown> = {};
  if (ctx.parameterFallback) {
    for (const def of template.parameters.values()) {
      if (ctx.values[def.name] !== undefined) continue;
      const value = ctx.parameterFallback(def.name);
      if (value !== undefined) fallback[def.name] = value;
    }
  }
  const unknownParameters = ctx.unknownParameters ?? new Set<string>();
  let stackId: string | undefined;
  const given = { ...fallback, ...ctx.values };
  // Parameters whose value is known only after deployment (nested templates) are left out here.
  const knownDefs =
    unknownParameters.size === 0 ? template.parameters : new Map<string, ParameterDefinition>([...template.parameters].filter(([name]) => !unknownParameters.has(name)));
  const parameters = resolveParameters(
    knownDefs,
    {
      values: unknownParameters.size === 0 ? given : Object.fromEntries(Object.entries(given).filter(([name]) => !unknownParameters.has(name))),
      parameterDefaults: ctx.parameterDefaults,
      stack: {
        stackName: ctx.stackName,
        get stackId() {
          return (stackId ??= stackIdFor(ctx.stackName));
        },
      },
      // A value from -P or the component args has no place in a file: point at the parameters section.
      valueSite: (name) => ctx.environment.parameterSites.get(name) ?? { file, path: template.raw.parameters === undefined ? [] : ["parameters"] },
    },
    diagnostics,
  );
  for (const name of unknownParameters) {
    const definition = template.parameters.get(name);
    if (definition) parameters.set(name, { name, value: UNKNOWN, hidden: definition.hidden, source: "user", definition });
  }
  for (const def of template.parameters.values()) {
    for (const c of def.constraints) {
      if (c.kind === "custom_constraint") {
        diagnostics.unhonoured(`custom_constraint ${c.name} of parameter ${def.name} is not checked offline`, def.file, [...def.path, "constraints"]);
      }
    }
  }
  const getParam = (name: string): unknown => {
    const p = parameters.get(name);
    return p === undefined ? undefined : p.value;
  };
  const problems: HotError[] = [];
  const hasConditions = template.version.hasConditions;
  const conditions = hasConditions
    ? new Conditions(template.raw.conditions, { table, file, getParam, problems })
    : undefined;
  if (conditions) problems.push(...conditions.evaluateAll());

  const templateDir = path.dirname(path.resolve(file));
  // Each file is read once: the get_file check and every evaluation share the result.
  const files = new Map<string, { content: string } | { problem: string }>();
  const readFile = (name: string): { content: string } | { problem: string } => {
    let read = files.get(name);
    if (read === undefined) {
      try {
        read = { content: ctx.read(path.resolve(templateDir, name.replace(/^file:\/\//, ""))) };
      } catch (error) {
        read = { problem: readFailure(error) };
      }
      files.set(name, read);
    }
    return read;
  };
  const getFile = (name: string): string | undefined => {
    const read = readFile(name);
    return "content" in read ? read.content : undefined;
  };
  const checkFile = (name: string): string | undefined => {
    const read = readFile(name);
    return "problem" in read ? read.problem : undefined;
  };
  const offline: FunctionContext = {
    getParam: (name) => {
      const value = getParam(name);
      if (value === UNKNOWN) throw new NotKnownOffline(name);
      return value;
    },
    getResource: () => UNKNOWN,
    getAttr: () => UNKNOWN,
    getFile: (name) => {
      const content = getFile(name);
      if (content === undefined) throw new NotKnownOffline(name);
      return content;
    },
    condition: (name) => conditions?.condition(name),
    resourceFacade: (kind) => ctx.facade?.(kind),
  };

  // Conditions first: references to a removed resource are allowed (and dropped).
  const removed = new Set<string>();
  const enabledDefinitions: ResourceDefinition[] = [];
  for (const definition of template.resources.values()) {
    let enabled = true;
    if (conditions && definition.condition !== undefined) {
      try {
        enabled = conditions.evaluateField(definition.condition, [...definition.path, "condition"], definition.name);
      } catch (error) {
        if (!(error instanceof HotError)) throw error;
        problems.push(error);
      }
    }
    if (enabled) enabledDefinitions.push(definition);
    else removed.add(definition.name);
  }
  const enabledNames = new Set(enabledDefinitions.map((d) => d.name));
  const resolveOptions = {
    table,
    file,
    conditions,
    problems,
    isResource: (name: string) => enabledNames.has(name) || removed.has(name),
  };
  const resolve = (raw: unknown, at: NodePath): Snippet => {
    const resolved = resolveSnippet(raw, at, resolveOptions);
    return resolved === OMIT ? null : resolved;
  };

  const resources: LoadedResource[] = [];
  for (const definition of enabledDefinitions) {
    const loaded = loadResource(definition, template, ctx, resolve, offline, templateDir, problems);
    if (loaded) resources.push(loaded);
  }
  const byName = new Map(resources.map((r) => [r.name, r]));

  // References and attributes (function-level checks).
  const checker = {
    hasResource: (name: string) => enabledNames.has(name) || removed.has(name),
    checkAttribute: (resource: string, attribute: string) => attributeProblem(byName.get(resource), attribute),
    checkFile,
  };
  for (const r of resources) {
    validateSnippet(r.properties, checker, problems);
    if (r.metadata !== undefined) validateSnippet(r.metadata, checker, problems);
  }
  const outputs: LoadedOutput[] = [];
  for (const definition of template.outputs.values()) {
    let enabled = true;
    if (conditions && definition.condition !== undefined) {
      try {
        enabled = conditions.evaluateField(definition.condition, [...definition.path, "condition"]);
      } catch (error) {
        if (!(error instanceof HotError)) throw error;
        problems.push(error);
      }
    }
    const value = enabled ? resolve(definition.value, [...definition.path, "value"]) : null;
    if (enabled) validateSnippet(value, checker, problems);
    outputs.push({ name: definition.name, definition, value, enabled });
  }
  // Attributes read that have no Pulumi equivalent, reported where they are read.
  const found: AttributeReference[] = [];
  const reportUnmapped = (owner: NodePath, field: string): void => {
    for (const read of found) {
      const entry = byName.get(read.resource)?.entry;
      const spec = read.attribute === undefined ? undefined : entry?.attributes[read.attribute];
      if (read.attribute === "show" || spec?.unmapped) {
        const why = read.attribute === "show" ? "Heat's API view of a resource has no Pulumi equivalent" : spec!.unmapped;
        diagnostics.unhonoured(`attribute ${read.attribute} of ${read.resource} (${entry?.type}) is not mapped: ${why}; it is null after import`, file, [...owner, field]);
      }
    }
    found.length = 0;
  };
  for (const r of resources) {
    collectAttributeReferences(r.properties, found);
    reportUnmapped(r.definition.path, "properties");
  }
  for (const o of outputs) {
    collectAttributeReferences(o.value, found);
    reportUnmapped(o.definition.path, "value");
  }

  // The dependency graph: explicit, references (only selected if-branches), hidden.
  const evaluateStatic = (node: unknown): StaticValue | undefined => staticValue(node, offline);
  const graphResources: GraphResource[] = resources.map((r) => {
    const names = new Set<string>();
    try {
      collectDependencies(r.properties, names, offline);
      if (r.metadata !== undefined) collectDependencies(r.metadata, names, offline);
    } catch (error) {
      // A resource name computed from a parameter without a value: that reference is unknown now.
      if (!(error instanceof NotKnownOffline)) throw error;
    }
    const propertiesPath = [...r.definition.path, "properties"];
    return {
      view: createDependencyView(r.name, r.type, r.properties, evaluateStatic),
      file,
      path: r.definition.path,
      // Unknown names were reported by the template and function checks already.
      dependsOn: r.definition.dependsOn
        .map((name, i) => ({ name, path: [...r.definition.path, "depends_on", i] }))
        .filter((d) => byName.has(d.name) || removed.has(d.name)),
      // A resource whose type failed to load was reported already; references to it are dropped.
      references: [...names]
        .filter((name) => byName.has(name) || removed.has(name))
        .map((name) => ({ name, path: propertiesPath })),
      external: r.externalId !== undefined && r.externalId !== null,
      hiddenDependencies: r.entry?.hiddenDependencies,
    };
  });
  const graph = buildDependencyGraph(graphResources, removed);
  // The same problem can be found twice (a condition used by several `if`s): report it once.
  const seen = new Set<string>();
  for (const p of [...problems, ...graph.errors]) {
    const key = `${p.file}\u0000${p.path.join("\u0000")}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.add(p);
  }
  return {
    template,
    table,
    environment: ctx.environment,
    registry: ctx.registry,
    parameters,
    conditions,
    resources,
    removed,
    outputs,
    graph,
    diagnostics,
    getFile,
    facade: ctx.facade,
  };
}

/**
 * `OS::stack_id`: Heat's is a random UUID fixed for the stack's life; heatshift derives one from
 * the stack name (a name-based UUID, RFC 4122 version 5 layout) so that it is the same on every
 * `pulumi up` and known before deployment.
 */
export function stackIdFor(stackName: string): string {
  const hex = createHash("sha1").update(`heatshift:${stackName}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Heat's view of a value before deployment, for hidden-dependency rules. */
function staticValue(node: unknown, offline: FunctionContext): StaticValue | undefined {
  if (!(node instanceof FunctionNode)) return undefined;
  if (node instanceof GetResourceNode && typeof node.args === "string") return { kind: "resource", name: node.args };
  try {
    const value = evaluateOffline(node, offline);
    return containsUnknown(value) ? { kind: "unknown" } : { kind: "literal", value };
  } catch (error) {
    // Reported where the property is checked; for ordering the value is simply not known.
    if (error instanceof HotError) return { kind: "unknown" };
    throw error;
  }
}

/** Evaluates what is known now; calls that read resources give UNKNOWN. Errors are thrown (HotError). */
export function evaluateOffline(snippet: Snippet, offline: FunctionContext): unknown {
  if (snippet instanceof FunctionNode) {
    const names = new Set<string>();
    try {
      snippet.dependencies(names, offline);
    } catch (error) {
      if (error instanceof NotKnownOffline) return UNKNOWN;
      throw error;
    }
    if (names.size > 0) return UNKNOWN;
    try {
      const value = snippet.evaluate(offline);
      return containsUnknown(value) ? UNKNOWN : value;
    } catch (error) {
      if (error instanceof NotKnownOffline) return UNKNOWN;
      throw error;
    }
  }
  if (Array.isArray(snippet)) return snippet.map((s) => evaluateOffline(s, offline));
  if (snippet !== null && typeof snippet === "object") {
    const values: Record<string, unknown> = {};
    for (const key of Object.keys(snippet)) setKey(values, key, evaluateOffline((snippet as Record<string, Snippet>)[key], offline));
    return values;
  }
  return snippet;
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

function attributeProblem(resource: LoadedResource | undefined, attribute: string): string | undefined {
  if (!resource || attribute === "show") return undefined;
  if (resource.nested) {
    if (resource.nested.template.outputs.has(attribute) || /^resource\./.test(attribute) || attribute === "OS::stack_id") return undefined;
    return `the template ${resource.type} has no output "${attribute}" (outputs: ${[...resource.nested.template.outputs.keys()].join(", ") || "none"})`;
  }
  const entry = resource.entry;
  if (!entry || entry.openAttributes || attribute in entry.attributes) return undefined;
  return `${entry.type} has no attribute "${attribute}" (attributes: ${[...Object.keys(entry.attributes), "show"].join(", ")})`;
}

function loadResource(
  definition: ResourceDefinition,
  template: HotTemplate,
  ctx: Context,
  resolve: (raw: unknown, at: NodePath) => Snippet,
  offline: FunctionContext,
  templateDir: string,
  problems: HotError[],
): LoadedResource | undefined {
  const { diagnostics } = ctx;
  const file = template.file;
  const at = definition.path;
  let effective: EffectiveType;
  try {
    effective = ctx.registry.resolve(definition.type, {
      resourceName: definition.name,
      templateDir,
      isKnownType: (t) => ctx.heatshiftRegistry.get(t) !== undefined,
    });
  } catch {
    // Follow the aliases without asking heatshift's registry, to name the type the template means.
    let meant = definition.type;
    try {
      const found = ctx.registry.resolve(definition.type, { resourceName: definition.name, templateDir });
      if (found.kind === "type") meant = found.type;
    } catch {
      // The written type is all there is.
    }
    const via = meant === definition.type ? "" : ` (${definition.type} is mapped to ${meant})`;
    problems.push(new HotError(unknownTypeMessage(meant, ctx.heatshiftRegistry) + via, file, [...at, "type"]));
    return undefined;
  }
  const properties = resolve(definition.properties ?? {}, [...at, "properties"]);
  const metadata = definition.metadata === undefined ? undefined : resolve(definition.metadata, [...at, "metadata"]);
  const externalId = definition.externalId === undefined ? undefined : resolve(definition.externalId, [...at, "external_id"]);
  let deletionPolicy: DeletionPolicy = "Delete";
  if (typeof definition.deletionPolicy === "string") deletionPolicy = definition.deletionPolicy;
  else if (definition.deletionPolicy !== undefined) {
    const value = capture(problems, () => evaluateOffline(resolve(definition.deletionPolicy, [...at, "deletion_policy"]), offline));
    const normal = typeof value === "string" ? ({ delete: "Delete", retain: "Retain", snapshot: "Snapshot" } as Record<string, DeletionPolicy>)[value.toLowerCase()] : undefined;
    if (normal) deletionPolicy = normal;
    else if (value !== undefined) problems.push(new HotError(`Invalid deletion policy ${JSON.stringify(value)} (Delete, Retain or Snapshot)`, file, [...at, "deletion_policy"]));
  }
  if (definition.updatePolicy !== undefined) {
    diagnostics.unhonoured(
      `update_policy of ${definition.name} is kept but not honoured: Pulumi applies updates by its own diff (no rolling or batched updates)`,
      file,
      [...at, "update_policy"],
    );
  }
  // One object shape for every loaded resource (no spread of a partial one): V8 keeps the accesses fast.
  const loaded = (
    type: string,
    props: Snippet,
    entry?: RegistryEntry,
    nested?: { stack: LoadedStack; registry: EnvironmentRegistry },
    members?: readonly LoadedMember[],
  ): LoadedResource => ({
    name: definition.name,
    definition,
    file,
    type,
    entry,
    nested: nested?.stack,
    nestedEnvironment: nested?.registry,
    members,
    properties: props,
    metadata,
    deletionPolicy,
    externalId,
    updatePolicy: definition.updatePolicy,
  });

  if (effective.kind === "template") {
    const nested = loadNested(definition, effective, properties, ctx, offline, problems, file);
    return loaded(effective.template, properties, undefined, nested);
  }
  const entry = ctx.heatshiftRegistry.get(effective.type)!;
  if (deletionPolicy === "Snapshot") {
    if (!entry.supportsSnapshot) problems.push(new HotError(`deletion_policy Snapshot is not supported by ${entry.type} (Heat: volumes and servers only)`, file, [...at, "deletion_policy"]));
    else diagnostics.unhonoured(`deletion_policy Snapshot of ${definition.name}: Pulumi takes no snapshot before deleting; the resource is deleted`, file, [...at, "deletion_policy"]);
  }
  let members: LoadedMember[] | undefined;
  if (externalId !== undefined && externalId !== null) {
    // Heat does not check the properties of an adopted resource; Pulumi's import compares them with the real one.
    diagnostics.warning(
      `${definition.name} is adopted (external_id): Pulumi imports it and reports a difference if its properties do not describe the existing resource`,
      file,
      [...at, "external_id"],
    );
  } else {
    const checked = checkProperties(entry, properties, offline, file, [...at, "properties"], diagnostics, problems);
    if (checked && entry.nestedDefinitions) members = loadMembers(definition, entry, entry.nestedDefinitions(checked), ctx, templateDir, problems, file);
  }
  // Deprecated names become current ones once, here: dependency rules and factories see `network`, not `network_id`.
  const translated = isPlainMap(properties) ? (renameDeprecated(entry, properties, []) as Snippet) : properties;
  return loaded(effective.type, translated, entry, undefined, members);
}

function capture<T>(problems: HotError[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof HotError) {
      problems.push(error);
      return undefined;
    }
    throw error;
  }
}

/** Values not known before deployment (the property checks pass them through). */
const isUnknownNow = (value: unknown): boolean => value === UNKNOWN;

/** Heat's schema checks on the values known now; the checked values when there is no problem. */
function checkProperties(
  entry: RegistryEntry,
  properties: Snippet,
  offline: FunctionContext,
  file: string,
  at: NodePath,
  diagnostics: Diagnostics,
  problems: HotError[],
): Record<string, unknown> | undefined {
  const values = capture(problems, () => evaluateOffline(properties, offline));
  if (values === undefined) return undefined;
  const { values: checked, problems: found } = resolveProperties(entry, values, isUnknownNow);
  for (const p of found) problems.push(new HotError(p.message, file, [...at, ...p.path]));
  if (entry.mappedProperties && values !== null && typeof values === "object") {
    for (const key of Object.keys(values)) {
      if (key in entry.properties && !entry.mappedProperties.includes(key)) {
        diagnostics.unhonoured(`property ${key} of ${entry.type} is not passed to Pulumi (${entry.pulumiTypes.join(", ") || "no cloud resource"}); it has no effect`, file, [...at, key]);
      }
    }
  }
  return found.length === 0 ? checked : undefined;
}

/**
 * The members of a ResourceGroup-like resource. Heat validates the first member only (a nested
 * stack of one member): a member of a registered type is checked like a resource; a member of a
 * template type is loaded as a nested template per member, its properties (index substituted)
 * becoming the template's parameters, and only the first member's problems are reported.
 */
function loadMembers(
  definition: ResourceDefinition,
  entry: RegistryEntry,
  nestedDefinitions: readonly NestedDefinition[],
  ctx: Context,
  templateDir: string,
  problems: HotError[],
  file: string,
): LoadedMember[] | undefined {
  const at = [...definition.path, "properties"];
  const members: LoadedMember[] = [];
  let template: HotTemplate | undefined;
  for (const [index, nested] of nestedDefinitions.entries()) {
    // Member types go through the environment's registry like any type (aliases, templates).
    let found: EffectiveType | undefined;
    try {
      found = ctx.registry.resolve(nested.type, { templateDir });
    } catch {
      // Reported below as an unknown type.
    }
    const typeAt = [...at, ...nested.path, "type"];
    if (found?.kind === "template" || (!found && TEMPLATE_TYPE.test(nested.type))) {
      if (found?.kind !== "template") {
        if (index === 0) problems.push(new HotError(unknownTypeMessage(nested.type, ctx.heatshiftRegistry), file, typeAt));
        return undefined;
      }
      // Later members' problems repeat the first one's; Heat reports only the first member's.
      const first = index === 0;
      const memberCtx: Context = first ? ctx : { ...ctx, diagnostics: new Diagnostics({ strict: ctx.diagnostics.strict }) };
      const memberProblems = first ? problems : [];
      template ??= readNested(found.template, definition.name, file, typeAt, memberCtx, memberProblems);
      if (!template) return undefined;
      // The group is a nested stack whose resources are the members: each sees the group's child registry, then its own.
      const registry = ctx.registry.child(definition.name).child(nested.name, found.registryType);
      const metadata = nested.metadata ?? {};
      const facade = (kind: "metadata" | "deletion_policy" | "update_policy"): unknown => (kind === "metadata" ? metadata : kind === "update_policy" ? {} : "Delete");
      const stack = bindNested(template, found.template, nested.properties, file, [...at, ...nested.path, "properties"], registry, facade, memberCtx, memberProblems);
      members.push({ name: nested.name, stack, registry });
      continue;
    }
    if (index > 0) continue;
    const member = found ? ctx.heatshiftRegistry.get(found.type) : undefined;
    if (!member) {
      problems.push(new HotError(unknownTypeMessage(found?.type ?? nested.type, ctx.heatshiftRegistry), file, typeAt));
      return undefined;
    }
    const result = resolveProperties(member, nested.properties, isUnknownNow);
    for (const p of result.problems) problems.push(new HotError(`${p.message} (${entry.type} member)`, file, [...at, ...nested.path, "properties", ...p.path]));
  }
  return members.length > 0 ? members : undefined;
}

/** A type that names a template file (Heat: ends in .yaml or .template). */
const TEMPLATE_TYPE = /\.(yaml|template)$/;

/** Why a type cannot be imported: not Heat's, or Heat's but not mapped by heatshift. */
export function unknownTypeMessage(type: string, registry: ResourceRegistry): string {
  if (HEAT_RESOURCE_TYPES.has(type)) {
    return `resource type ${type} is a Heat type that heatshift does not import (${registry.types().length} types are mapped, see docs/importer.md); register a mapping with register(), or map the type to a template in resource_registry`;
  }
  if (/\.(yml|json)$/.test(type)) {
    return `The Resource Type (${type}) could not be found: a template type must end in .yaml or .template (Heat treats "${type}" as a type name)`;
  }
  return `The Resource Type (${type}) could not be found: it is neither a Heat resource type nor mapped in resource_registry`;
}

/** Loads a template resource's nested template, its properties becoming parameters. */
function loadNested(
  definition: ResourceDefinition,
  effective: Extract<EffectiveType, { kind: "template" }>,
  properties: Snippet,
  ctx: Context,
  offline: FunctionContext,
  problems: HotError[],
  file: string,
): { stack: LoadedStack; registry: EnvironmentRegistry } | undefined {
  const child = readNested(effective.template, definition.name, file, [...definition.path, "type"], ctx, problems);
  if (!child) return undefined;
  const values = capture(problems, () => evaluateOffline(properties, offline));
  const registry = ctx.registry.child(definition.name, effective.registryType);
  const facade = (kind: "metadata" | "deletion_policy" | "update_policy"): unknown =>
    kind === "metadata" ? (definition.metadata ?? {}) : kind === "update_policy" ? (definition.updatePolicy ?? {}) : (definition.deletionPolicy ?? "Delete");
  const stack = bindNested(child, effective.template, values, file, [...definition.path, "properties"], registry, facade, ctx, problems);
  return { stack, registry };
}

/** Reads and checks a nested template file (`at`: the type that names it, in the current file). */
function readNested(template: string, resourceName: string, file: string, at: NodePath, ctx: Context, problems: HotError[]): HotTemplate | undefined {
  if (/^https?:\/\//.test(template)) {
    problems.push(new HotError(`template ${template} is a URL: heatshift reads nested templates from files only`, file, at));
    return undefined;
  }
  if (ctx.depth > 10) {
    problems.push(new HotError(`nested templates go deeper than 10 levels at ${template} (a template that uses itself?)`, file, at));
    return undefined;
  }
  let text: string;
  try {
    text = ctx.read(template);
  } catch (error) {
    const shown = path.relative(process.cwd(), template) || template;
    problems.push(new HotError(`cannot read the template ${shown} of resource ${resourceName}: ${readFailure(error)}`, file, at));
    return undefined;
  }
  // Positions are shown relative to the working directory, like the files given on the command line.
  return loadTemplate(text, path.relative(process.cwd(), template) || template, ctx.diagnostics);
}

/** Binds a nested template's parameters to the properties known now (unknown ones stay parameters without a value yet). */
function bindNested(
  child: HotTemplate,
  template: string,
  values: unknown,
  file: string,
  propertiesAt: NodePath,
  registry: EnvironmentRegistry,
  facade: (kind: "metadata" | "deletion_policy" | "update_policy") => unknown,
  ctx: Context,
  problems: HotError[],
): LoadedStack {
  const given = values !== null && typeof values === "object" ? (values as Record<string, unknown>) : {};
  const unknownParameters = new Set<string>();
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!child.parameters.has(key)) {
      const shown = path.relative(process.cwd(), template) || template;
      problems.push(new HotError(`Unknown Property ${key}: the template ${shown} has no parameter ${key}`, file, [...propertiesAt, key]));
      continue;
    }
    if (containsUnknown(value)) unknownParameters.add(key);
    else known[key] = value;
  }
  return loadTemplateWith(child, {
    ...ctx,
    registry,
    values: known,
    unknownParameters,
    depth: ctx.depth + 1,
    facade,
  });
}

/** The plan of a loaded stack (what `heatshift plan --json` prints). */
export interface StackPlan {
  readonly resources: { readonly name: string; readonly type: string; readonly dependsOn: readonly string[] }[];
  readonly outputs: readonly string[];
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Resources in dependency order with their direct dependencies, output names, parameter values (hidden ones masked). */
export function planOf(stack: LoadedStack): StackPlan {
  const byName = new Map(stack.resources.map((r) => [r.name, r]));
  const parameters: Record<string, unknown> = {};
  for (const p of stack.parameters.values()) {
    if (p.source === "pseudo") continue;
    parameters[p.name] = p.hidden ? "[secret]" : p.value;
  }
  return {
    resources: stack.graph.order.map((name) => ({
      name,
      type: byName.get(name)!.definition.type,
      dependsOn: [...stack.graph.dependenciesOf(name)],
    })),
    outputs: stack.outputs.filter((o) => o.enabled).map((o) => o.name),
    parameters,
  };
}
