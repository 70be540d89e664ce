/**
 * Resolution: the parsed plain tree of a snippet becomes a tree of function nodes (see types.ts).
 * Like Heat's `template.parse`: a map is a call only when it has exactly one key and that key is a
 * function of the template's version; anything else is data. Unlike Heat, a single-key map whose
 * key is a function name of another version (or of the other kind, value vs condition) is an
 * error here, not silently data: that is nearly always a template written for another version.
 */
import { HotError, NodePath } from "../diagnostics";
import { functionAvailability, isFunctionName, VersionFunctions } from "./index";
import { isMap } from "./python";
import { FunctionCall, FunctionDefinition, NodeLocation, OMIT, Snippet, SnippetKind } from "./types";

/** Decides conditions while a snippet is resolved (the first argument of `if`). conditions.ts implements it. */
export interface ConditionEvaluator {
  /** The boolean value of a resolved condition: a condition name, a bool, or an inline condition function. */
  evaluate(condition: Snippet, file: string, path: NodePath): boolean;
}

/** The template around a snippet. */
export interface ResolveOptions {
  /** The functions of the template's version (`functionsForVersion` in index.ts). */
  readonly table: VersionFunctions;
  /** The file the snippet is in (for errors). */
  readonly file: string;
  /** Value (properties, outputs...) or condition (the `conditions` section, `condition` fields). @default "value" */
  readonly kind?: SnippetKind;
  /** Decides the conditions of `if`. Required when the version has `if`: a call to `if` without it is an error. */
  readonly conditions?: ConditionEvaluator;
  /**
   * Whether a name is an (enabled) resource: 2013-05-23's `Ref` reads a resource when the name is
   * one, a parameter otherwise, decided when the template is parsed (as Heat does).
   * @default - every `Ref` reads a parameter
   */
  readonly isResource?: (name: string) => boolean;
  /**
   * Collects problems instead of throwing the first one: a call with a problem is replaced by
   * `null` and resolution goes on, so one run reports every bad call.
   * @default - the first problem is thrown
   */
  readonly problems?: HotError[];
}

/**
 * Resolves a raw snippet found at `path` in `options.file`. Returns {@link OMIT} when the whole
 * snippet is a 2-argument `if` whose condition is false (the property is then unset).
 */
export function resolveSnippet(raw: unknown, path: NodePath, options: ResolveOptions): Snippet | typeof OMIT {
  return resolveNode(raw, [...path], options.kind ?? "value", options);
}

/**
 * `path` is one array per traversal, pushed and popped on the way down and copied only where a
 * function call needs its location: templates of thousands of resources resolve without a path
 * copy per node.
 */
function resolveNode(raw: unknown, path: (string | number)[], kind: SnippetKind, options: ResolveOptions): Snippet | typeof OMIT {
  if (Array.isArray(raw)) {
    const items: Snippet[] = [];
    for (let index = 0; index < raw.length; index++) {
      path.push(index);
      const resolved = resolveNode(raw[index], path, kind, options);
      path.pop();
      if (resolved !== OMIT) {
        items.push(resolved);
      }
    }
    return items;
  }
  if (isMap(raw)) {
    const keys = Object.keys(raw);
    if (keys.length === 1) {
      const definition = lookup(keys[0], path, kind, options);
      if (definition !== undefined) {
        path.push(keys[0]);
        const resolved = call(definition, keys[0], raw[keys[0]], path, kind, options);
        path.pop();
        return resolved;
      }
    }
    const result: { [key: string]: Snippet } = {};
    for (const key of keys) {
      path.push(key);
      const resolved = resolveNode(raw[key], path, kind, options);
      path.pop();
      if (resolved !== OMIT) {
        result[key] = resolved;
      }
    }
    return result;
  }
  if (raw === undefined) {
    return null;
  }
  return raw as Snippet;
}

/** The definition for a single-key map's key, `undefined` for data; throws (or reports) misuse. */
function lookup(name: string, path: NodePath, kind: SnippetKind, options: ResolveOptions): FunctionDefinition | undefined {
  const { table } = options;
  const found = kind === "value" ? table.functions.get(name) : table.conditionFunctions.get(name);
  if (found !== undefined) {
    return found;
  }
  const problem = misuse(name, kind, table);
  if (problem === undefined) {
    return undefined;
  }
  const at = [...path, name];
  return {
    heatClass: "Invalid",
    create: () => {
      throw new HotError(problem, options.file, at);
    },
  };
}

/** Why `name` cannot be called here, or `undefined` when it is no function name at all (data). */
function misuse(name: string, kind: SnippetKind, table: VersionFunctions): string | undefined {
  if (!isFunctionName(name)) {
    return undefined;
  }
  const version = table.version;
  if (table.removed.has(name)) {
    const { until } = functionAvailability(name);
    return `The function ${name} is not supported in heat_template_version ${version} (it was removed after ${until})`;
  }
  if (kind === "condition" && table.functions.has(name)) {
    const allowed = [...table.conditionFunctions.keys()].join(", ");
    return `The function "${name}" is invalid in this context (conditions may use: ${allowed})`;
  }
  if (kind === "value" && table.conditionFunctions.has(name)) {
    return `The function "${name}" can only be used in conditions (the conditions section, a condition field, or the first argument of if)`;
  }
  const availability = functionAvailability(name);
  if (availability.from === undefined) {
    return undefined;
  }
  const range = availability.until ? `${availability.from} to ${availability.until}` : `from ${availability.from}`;
  const where = availability.conditionOnly ? " in conditions" : "";
  return `${name} is not available in heat_template_version ${version} (available${where} ${range})`;
}

/** What a function definition receives: one object per call (no closures per call). */
class ResolvedCall implements FunctionCall {
  readonly isResource?: (name: string) => boolean;

  constructor(
    readonly fnName: string,
    readonly args: Snippet,
    readonly rawArgs: unknown,
    readonly location: NodeLocation,
    private readonly options: ResolveOptions,
  ) {
    this.isResource = options.isResource;
  }

  resolveRaw(raw: unknown, subPath: NodePath, subKind: SnippetKind): Snippet | typeof OMIT {
    return resolveNode(raw, [...subPath], subKind, this.options);
  }

  evaluateCondition(condition: Snippet, conditionPath: NodePath): boolean {
    if (this.options.conditions === undefined) {
      throw new HotError(`"${this.fnName}" needs the template's conditions, which were not given`, this.options.file, conditionPath);
    }
    return this.options.conditions.evaluate(condition, this.options.file, conditionPath);
  }
}

function call(
  definition: FunctionDefinition,
  fnName: string,
  rawArgs: unknown,
  path: (string | number)[],
  kind: SnippetKind,
  options: ResolveOptions,
): Snippet | typeof OMIT {
  const location = { file: options.file, path: path.slice() };
  const depth = path.length;
  try {
    let args: Snippet = null;
    if (!definition.macro) {
      const resolved = resolveNode(rawArgs, path, kind, options);
      // OMIT only comes from an `if`, which is never the direct argument of a non-macro call in Heat
      // either (it would be resolved to None there).
      args = resolved === OMIT ? null : resolved;
    }
    const functionCall = new ResolvedCall(fnName, args, rawArgs, location, options);
    return definition.create(functionCall);
  } catch (error) {
    // A problem below this call left the traversal path deeper than this call's own.
    path.length = depth;
    if (error instanceof HotError && options.problems !== undefined) {
      options.problems.push(error);
      return null;
    }
    throw error;
  }
}
