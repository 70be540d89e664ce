/**
 * HOT parameters: their definitions (heat/engine/hot/parameters.py `HOTParamSchema`), the values
 * users give them (component args, Pulumi config, heatclient's `-P "k1=v1;k2=v2"`), and the typed
 * values `get_param` returns (heat/engine/parameters.py), with Heat's coercions and messages.
 */
import {
  boolFromString,
  Constraint,
  constraintTypeError,
  constraintViolation,
  KNOWN_CUSTOM_CONSTRAINTS,
  ParameterType,
  PARAMETER_TYPES,
  parseConstraint,
  pyStr,
  strToNum,
} from "./constraints";
import { Diagnostics, HotError, NodePath } from "./diagnostics";
import { describeType, isMap, pythonTruthy } from "./functions/python";
import type { HotVersion } from "./versions";

/** One parameter as the template defines it. */
export interface ParameterDefinition {
  readonly name: string;
  readonly type: ParameterType;
  readonly description?: string;
  readonly label?: string;
  /** The template's default; undefined when there is none (or it is null): the parameter is then required. */
  readonly default?: unknown;
  /** Shown as `******` by Heat; heatshift makes the value a Pulumi secret everywhere it flows. */
  readonly hidden: boolean;
  /** A stack update may not change the value. */
  readonly immutable: boolean;
  /** Free-form tags (2018-03-02 on). */
  readonly tags?: readonly unknown[];
  readonly constraints: readonly Constraint[];
  /** The file and path of the definition. */
  readonly file: string;
  readonly path: NodePath;
}

/** The pseudo parameters every HOT template has. `OS::region` is declared by Heat but never given a value. */
export const PSEUDO_PARAMETERS = ["OS::stack_name", "OS::stack_id", "OS::project_id"] as const;

/** Values of the pseudo parameters; `OS::stack_name` exists only when the stack has a name, as in Heat. */
export interface StackIdentity {
  readonly stackName?: string;
  readonly stackId?: string;
  readonly projectId?: string;
}

/**
 * Parse the `parameters` section. Each bad definition is recorded in `diagnostics` and left out of
 * the result; good ones come back in template order.
 */
export function parseParameterDefinitions(
  section: unknown,
  version: HotVersion,
  file: string,
  diagnostics: Diagnostics,
): Map<string, ParameterDefinition> {
  const defs = new Map<string, ParameterDefinition>();
  if (section === null || section === undefined) return defs;
  if (!isMap(section)) {
    diagnostics.error(`"parameters" must be a map of parameter definitions. Found a [${describeType(section)}] instead`, file, ["parameters"]);
    return defs;
  }
  for (const [name, body] of Object.entries(section)) {
    const def = diagnostics.capture(() => parseParameterDefinition(name, body, version, file, diagnostics));
    if (def) defs.set(name, def);
  }
  return defs;
}

function parseParameterDefinition(
  name: string,
  body: unknown,
  version: HotVersion,
  file: string,
  diagnostics: Diagnostics,
): ParameterDefinition | undefined {
  const path = ["parameters", name];
  if (!isMap(body)) {
    throw new HotError(`Invalid parameter (${name}), expected a mapping. Found a [${describeType(body)}] instead`, file, path);
  }
  let ok = true;
  for (const key of Object.keys(body)) {
    if (!version.parameterKeys.includes(key)) {
      const hint = key === "tags" ? ` (tags need heat_template_version 2018-03-02 or later; this is ${version.written})` : "";
      diagnostics.error(`Invalid key '${key}' for parameter (${name})${hint}`, file, [...path, key], { target: "key" });
      ok = false;
    }
  }
  if (!("type" in body)) {
    diagnostics.error(`Missing parameter type for parameter: ${name}`, file, path);
    return undefined;
  }
  const type = body.type;
  if (typeof type !== "string" || !(PARAMETER_TYPES as readonly string[]).includes(type)) {
    diagnostics.error(
      `Parameter '${name}' is invalid: Invalid type (${pyStr(type)}); expected one of ${PARAMETER_TYPES.join(", ")}`,
      file,
      [...path, "type"],
    );
    return undefined;
  }
  if (version.hasParameterTags && "tags" in body && !Array.isArray(body.tags)) {
    diagnostics.error(`Tags property should be a list for parameter: ${name}`, file, [...path, "tags"]);
    ok = false;
  }
  const constraints: Constraint[] = [];
  const rawConstraints = body.constraints;
  if (rawConstraints !== undefined && rawConstraints !== null) {
    if (!Array.isArray(rawConstraints)) {
      diagnostics.error(`Invalid parameter constraints for parameter ${name}, expected a list`, file, [...path, "constraints"]);
      ok = false;
    } else {
      rawConstraints.forEach((raw, i) => {
        const site = { file, path: [...path, "constraints", i], parameter: name, version };
        const c = diagnostics.capture(() => parseConstraint(raw, site));
        if (!c) {
          ok = false;
          return;
        }
        const typeError = constraintTypeError(c, type as ParameterType);
        if (typeError) {
          diagnostics.error(`Parameter '${name}' is invalid: ${typeError}`, file, site.path);
          ok = false;
          return;
        }
        if (c.kind === "custom_constraint") {
          if (!KNOWN_CUSTOM_CONSTRAINTS.has(c.name)) {
            diagnostics.error(`Parameter '${name}' is invalid: unknown custom_constraint "${c.name}" (Heat has no such constraint)`, file, [
              ...site.path,
              "custom_constraint",
            ]);
            ok = false;
            return;
          }
          diagnostics.unhonoured(
            `custom_constraint ${c.name} of parameter '${name}' is not checked offline (it needs the cloud); the value is passed as is`,
            file,
            [...site.path, "custom_constraint"],
          );
        }
        constraints.push(c);
      });
    }
  }
  if (!ok) return undefined;
  const def: ParameterDefinition = {
    name,
    type: type as ParameterType,
    description: body.description === undefined || body.description === null ? undefined : pyStr(body.description),
    label: body.label === undefined || body.label === null ? undefined : pyStr(body.label),
    default: body.default === null ? undefined : body.default,
    hidden: pythonTruthy(body.hidden ?? false),
    immutable: pythonTruthy(body.immutable ?? false),
    tags: Array.isArray(body.tags) ? body.tags : undefined,
    constraints,
    file,
    path,
  };
  const defaultProblem = def.default === undefined ? undefined : checkDefault(def, def.default);
  if (defaultProblem) {
    diagnostics.error(`Parameter '${name}' is invalid: ${defaultProblem}`, file, [...path, "default"]);
    return undefined;
  }
  return def;
}

/** Heat's `_validate_default`: the non-custom constraints against the template default. */
function checkDefault(def: ParameterDefinition, value: unknown): string | undefined {
  let checked = value;
  if (def.type === "comma_delimited_list") {
    if (Array.isArray(value)) checked = value.map(pyStr);
    else if (typeof value === "string") checked = value.split(",");
    else return `Default must be a comma-delimited list string: '${describeType(value)}' object has no attribute 'split'`;
  }
  try {
    for (const c of def.constraints) {
      const violation = constraintViolation(c, checked, def.type);
      if (violation !== undefined) return `Invalid default ${pyStr(value)} (${violation})`;
    }
  } catch (e) {
    return `Invalid default ${pyStr(value)} (${(e as Error).message})`;
  }
  return undefined;
}

/** Heat's `delim_string_to_list` for comma_delimited_list values: no trimming, `''` is `[]`. */
function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(pyStr);
  if (typeof value !== "string") {
    throw new Error(`Value must be a comma-delimited list string: '${describeType(value)}' object has no attribute 'split'`);
  }
  return value === "" ? [] : value.split(",");
}

/** JsonParam.parse: strings are decoded (`''` stays `''`), other values round-trip through JSON. */
function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return JSON.parse(JSON.stringify(value));
  if (value === "") return value;
  try {
    return JSON.parse(value);
  } catch (e) {
    throw new Error(`Value must be valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The typed value of a parameter (what `get_param` returns) after checking it as Heat's
 * `Parameter._validate` does. Throws an Error with Heat's message (without the parameter prefix).
 */
export function coerceParameterValue(def: Pick<ParameterDefinition, "type" | "constraints">, raw: unknown): unknown {
  let typed: unknown;
  let checked: unknown;
  switch (def.type) {
    case "string":
      typed = pyStr(raw);
      checked = typed;
      break;
    case "number":
      typed = strToNum(raw);
      checked = raw;
      break;
    case "boolean":
      typed = boolFromString(raw);
      checked = raw;
      break;
    case "comma_delimited_list":
      typed = parseList(raw);
      checked = typed;
      break;
    case "json":
      typed = parseJson(raw);
      checked = typed;
      break;
  }
  for (const c of def.constraints) {
    const violation = constraintViolation(c, checked, def.type);
    if (violation !== undefined) throw new Error(violation);
  }
  return typed;
}

/** Where a parameter's value came from. */
export type ParameterSource = "user" | "parameter_defaults" | "default" | "pseudo";

/** A parameter with its value decided. */
export interface ResolvedParameter {
  readonly name: string;
  /** Typed as get_param returns it: string, number, boolean, string[] or parsed JSON. */
  readonly value: unknown;
  /** True when the value must be a secret (hidden parameters). */
  readonly hidden: boolean;
  readonly source: ParameterSource;
  /** Undefined for pseudo parameters. */
  readonly definition?: ParameterDefinition;
}

/** The inputs of {@link resolveParameters}. */
export interface ParameterInputs {
  /** User values (CLI `-P`, component args, env-file `parameters`, already merged). Names must be defined. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Environment `parameter_defaults`: they replace template defaults; unknown names are ignored. */
  readonly parameterDefaults?: Readonly<Record<string, unknown>>;
  /** Pseudo parameter values. */
  readonly stack?: StackIdentity;
  /** Where user values came from, for messages (e.g. the env file of each name). @default the template */
  readonly valueSite?: (name: string) => { file: string; path: NodePath } | undefined;
  /** The template file, where problems of values without a site are reported (its `parameters` key). */
  readonly templateFile?: string;
}

/**
 * Decide every parameter's value: user value, else parameter_defaults, else the template default,
 * else a "not provided" error naming the parameter. Every problem goes to `diagnostics`; parameters
 * with a problem are left out of the result.
 */
export function resolveParameters(
  defs: ReadonlyMap<string, ParameterDefinition>,
  inputs: ParameterInputs,
  diagnostics: Diagnostics,
): Map<string, ResolvedParameter> {
  const out = new Map<string, ResolvedParameter>();
  const stack = inputs.stack ?? {};
  // The stack id is read only if a template asks for it (heatshift derives it with a hash).
  out.set("OS::stack_id", {
    name: "OS::stack_id",
    get value() {
      return stack.stackId ?? "";
    },
    hidden: false,
    source: "pseudo",
  });
  out.set("OS::project_id", { name: "OS::project_id", value: stack.projectId ?? "", hidden: false, source: "pseudo" });
  if (stack.stackName !== undefined) out.set("OS::stack_name", { name: "OS::stack_name", value: stack.stackName, hidden: false, source: "pseudo" });
  const values = inputs.values ?? {};
  for (const name of Object.keys(values)) {
    if (!defs.has(name)) {
      const site = inputs.valueSite?.(name);
      const known = [...defs.keys()].join(", ") || "none";
      diagnostics.error(
        `The Parameter (${name}) was not defined in template. Parameters of this template: ${known}`,
        site?.file ?? inputs.templateFile ?? firstFile(defs) ?? "",
        site?.path ?? ["parameters"],
        { target: "key" },
      );
    }
  }
  const defaults = inputs.parameterDefaults ?? {};
  for (const def of defs.values()) {
    let raw: unknown;
    let source: ParameterSource;
    if (values[def.name] !== undefined && values[def.name] !== null) {
      raw = values[def.name];
      source = "user";
    } else if (defaults[def.name] !== undefined && defaults[def.name] !== null) {
      raw = defaults[def.name];
      source = "parameter_defaults";
    } else if (def.default !== undefined) {
      raw = def.default;
      source = "default";
    } else {
      diagnostics.error(
        `The Parameter (${def.name}) was not provided. It has no default: give it a value (e.g. -P "${def.name}=..." or an environment file's parameters)`,
        def.file,
        def.path,
        { target: "key" },
      );
      continue;
    }
    try {
      const value = coerceParameterValue(def, raw);
      out.set(def.name, { name: def.name, value, hidden: def.hidden, source, definition: def });
    } catch (e) {
      const site = source === "user" ? inputs.valueSite?.(def.name) : undefined;
      const where = source === "default" ? [...def.path, "default"] : def.path;
      const shown = def.hidden ? "" : ` (value ${JSON.stringify(raw)} from ${sourceText(source)})`;
      diagnostics.error(`Parameter '${def.name}' is invalid: ${(e as Error).message}${shown}`, site?.file ?? def.file, site?.path ?? where);
    }
  }
  return out;
}

function sourceText(source: ParameterSource): string {
  return source === "user" ? "the given parameters" : source === "parameter_defaults" ? "parameter_defaults" : "the default";
}

function firstFile(defs: ReadonlyMap<string, ParameterDefinition>): string | undefined {
  for (const d of defs.values()) return d.file;
  return undefined;
}

/**
 * heatclient's `format_parameters`: given once, the option is split on `;`; given several times, each
 * occurrence is one `key=value` (so values may hold `;`). Each item splits on its first `=`. A name
 * given twice becomes a list of its values. Throws heatclient's message for an item without `=`.
 */
export function parseCliParameters(options: readonly string[]): Record<string, string | string[]> {
  const items = options.length === 1 ? options[0].split(";") : options;
  const out: Record<string, string | string[]> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq < 0) throw new Error(`Malformed parameter(${item}). Use the key=value format.`);
    const name = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const prev = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
    if (prev === undefined) out[name] = value;
    else out[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/**
 * Values from Pulumi-style configuration: `get(name)` answers the config value (a string) or undefined.
 * Structured config (a JSON list for a comma_delimited_list, a JSON document for json) is decoded.
 */
export function parameterValuesFromConfig(
  defs: ReadonlyMap<string, ParameterDefinition>,
  get: (name: string) => string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs.values()) {
    const text = get(def.name);
    if (text === undefined) continue;
    if (def.type === "comma_delimited_list" && text.trimStart().startsWith("[")) {
      try {
        const list = JSON.parse(text);
        if (Array.isArray(list)) {
          out[def.name] = list;
          continue;
        }
      } catch {
        // Not JSON: Heat's comma splitting applies.
      }
    }
    out[def.name] = text;
  }
  return out;
}
