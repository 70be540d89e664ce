/**
 * Parameter constraints as Heat defines them (heat/engine/hot/parameters.py `_constraint_from_def`,
 * heat/engine/constraints.py): which keys a constraint may have, which parameter types each applies
 * to, and the exact default messages. `custom_constraint` names a check that needs a cloud; it is
 * recognised (the name must be one Heat knows) but not checked offline.
 */
import { HotError, NodePath } from "./diagnostics";
import { describeType, isMap, pythonEquals, pythonJsonDumps, pythonRepr } from "./functions/python";
import type { HotVersion } from "./versions";

/** HOT parameter types. */
export type ParameterType = "string" | "number" | "comma_delimited_list" | "json" | "boolean";

/** The HOT parameter types, as Heat lists them. */
export const PARAMETER_TYPES: readonly ParameterType[] = ["string", "number", "comma_delimited_list", "json", "boolean"];

interface ConstraintBase {
  /** The user's text that replaces Heat's default message when the value fails. */
  readonly description?: string;
  /** Where the constraint is written (the list item). */
  readonly path: NodePath;
}

/** `length: {min, max}`: the length of a string, list or map. */
export interface LengthConstraint extends ConstraintBase {
  readonly kind: "length";
  readonly min?: number;
  readonly max?: number;
}

/** `range: {min, max}`: an inclusive numeric range. */
export interface RangeConstraint extends ConstraintBase {
  readonly kind: "range";
  readonly min?: number;
  readonly max?: number;
}

/** `modulo: {step, offset}` (2017-02-24 on): `value % step == offset`. */
export interface ModuloConstraint extends ConstraintBase {
  readonly kind: "modulo";
  readonly step: number;
  readonly offset: number;
}

/** `allowed_values: [...]`. */
export interface AllowedValuesConstraint extends ConstraintBase {
  readonly kind: "allowed_values";
  readonly allowed: readonly unknown[];
}

/** `allowed_pattern: regex`: the whole value must match (Python `re.match` ending at the end). */
export interface AllowedPatternConstraint extends ConstraintBase {
  readonly kind: "allowed_pattern";
  readonly pattern: string;
  /** The pattern compiled as a sticky JavaScript RegExp. */
  readonly regex: RegExp;
}

/** `custom_constraint: name`: a check against the cloud (nova.flavor, glance.image...), not done offline. */
export interface CustomConstraint extends ConstraintBase {
  readonly kind: "custom_constraint";
  readonly name: string;
}

/** One parsed parameter constraint. */
export type Constraint =
  | LengthConstraint
  | RangeConstraint
  | ModuloConstraint
  | AllowedValuesConstraint
  | AllowedPatternConstraint
  | CustomConstraint;

/** Heat's class name of each constraint, as its messages use it. */
const CLASS_NAMES: Record<Constraint["kind"], string> = {
  length: "Length",
  range: "Range",
  modulo: "Modulo",
  allowed_values: "AllowedValues",
  allowed_pattern: "AllowedPattern",
  custom_constraint: "CustomConstraint",
};

/** The parameter types each constraint applies to (constraints.py `valid_types`). */
export const CONSTRAINT_TYPES: Readonly<Record<Constraint["kind"], readonly ParameterType[]>> = {
  length: ["string", "comma_delimited_list", "json"],
  range: ["number"],
  modulo: ["number"],
  allowed_values: ["string", "number", "boolean", "comma_delimited_list"],
  allowed_pattern: ["string"],
  custom_constraint: ["string", "number", "boolean", "comma_delimited_list"],
};

/** The custom constraints Heat 19 registers (setup.cfg `heat.constraints`). */
export const KNOWN_CUSTOM_CONSTRAINTS: ReadonlySet<string> = new Set(
  (
    "barbican.container barbican.secret blazar.reservation cinder.backup cinder.qos_specs cinder.snapshot " +
    "cinder.volume cinder.vtype cron_expression designate.zone dns_domain dns_name expiration glance.image " +
    "ip_addr ip_or_cidr ironic.node ironic.portgroup iso_8601 keystone.domain keystone.group keystone.project " +
    "keystone.region keystone.role keystone.service keystone.user mac_addr magnum.cluster_template " +
    "manila.share_network manila.share_snapshot manila.share_type mistral.workflow monasca.notification " +
    "net_cidr neutron.address_scope neutron.flow_classifier neutron.lb.provider neutron.lbaas.listener " +
    "neutron.lbaas.loadbalancer neutron.lbaas.pool neutron.lbaas.provider neutron.network neutron.port " +
    "neutron.port_pair neutron.port_pair_group neutron.qos_policy neutron.router neutron.security_group " +
    "neutron.segment neutron.subnet neutron.subnetpool neutron.taas.tap_flow neutron.taas.tap_service " +
    "nova.flavor nova.host nova.keypair nova.network nova.server octavia.flavor octavia.flavorprofile " +
    "octavia.l7policy octavia.listener octavia.loadbalancer octavia.pool rel_dns_name sahara.cluster " +
    "sahara.cluster_template sahara.data_source sahara.image sahara.job_binary sahara.job_type sahara.plugin " +
    "senlin.cluster senlin.policy senlin.policy_type senlin.profile senlin.profile_type timezone trove.flavor " +
    "zaqar.queue"
  ).split(" "),
);

const CONSTRAINT_KEYS = ["description", "length", "range", "modulo", "allowed_values", "allowed_pattern", "custom_constraint"];

/** Python `str()` of a value, as Heat's `%s` formatting shows it. */
export function pyStr(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

/** Python's `int(text)` (whitespace and single underscores between digits allowed). */
export function pythonIntText(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?\d+(?:_\d+)*$/.test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

/** Python's `float(text)`. */
export function pythonFloatText(text: string): number | undefined {
  const t = text.trim();
  const word = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (word) return /nan/i.test(word[2]) ? NaN : word[1] === "-" ? -Infinity : Infinity;
  const number = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
  return number.test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

/**
 * Heat's `Schema.str_to_num`: numbers and bools (numbers to Python) pass, strings go through `int()`
 * then `float()`. Throws an Error with Python's message otherwise.
 */
export function strToNum(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return Number(value);
  if (typeof value === "string") {
    const n = pythonIntText(value) ?? pythonFloatText(value);
    if (n === undefined) throw new Error(`could not convert string to float: ${pythonRepr(value)}`);
    return n;
  }
  throw new Error(`int() argument must be a string, a bytes-like object or a real number, not '${describeType(value)}'`);
}

/** oslo's `bool_from_string(value, strict=True)`; throws its message for anything else. */
export function boolFromString(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const text = pyStr(value);
  const lowered = text.trim().toLowerCase();
  if (["1", "t", "true", "on", "y", "yes"].includes(lowered)) return true;
  if (["0", "f", "false", "off", "n", "no"].includes(lowered)) return false;
  throw new Error(
    `Unrecognized value '${text}', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'`,
  );
}

/** Heat's `Schema.to_schema_type` for a parameter type. */
export function toSchemaType(value: unknown, type: ParameterType): unknown {
  try {
    if (type === "number") return strToNum(value);
    if (type === "string") return pyStr(value);
    if (type === "boolean") return boolFromString(pyStr(value));
  } catch {
    throw new Error(`Value "${pyStr(value)}" is invalid for data type "${type}".`);
  }
  return value;
}

/**
 * Compile a Python regular expression as JavaScript, for the syntax both share plus Python's named
 * groups. Sticky, so that a match starts at 0 and is tried as Python's `re.match` tries it.
 */
export function compilePythonPattern(pattern: string): RegExp {
  let flags = "y";
  let source = pattern;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    if (inline[1].includes("i")) flags += "i";
    if (inline[1].includes("m")) flags += "m";
    if (inline[1].includes("s")) flags += "s";
  }
  source = source
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, "(?<$1>")
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, "\\k<$1>")
    .replace(/\\A/g, "^")
    .replace(/\\Z/g, "$");
  return new RegExp(source, flags);
}

/** Everything needed to report a constraint definition problem. */
export interface ConstraintSite {
  readonly file: string;
  /** The path of the constraint (the list item). */
  readonly path: NodePath;
  /** The parameter the constraint belongs to. */
  readonly parameter: string;
  readonly version: HotVersion;
}

function invalid(site: ConstraintSite, message: string, ...sub: (string | number)[]): HotError {
  return new HotError(`Parameter '${site.parameter}' is invalid: ${message}`, site.file, [...site.path, ...sub]);
}

/** `_check_dict` for a range/length/modulo body. */
function checkBody(site: ConstraintSite, body: unknown, keys: readonly string[], entity: string, key: string): Record<string, unknown> {
  if (!isMap(body)) throw invalid(site, `Invalid ${entity}, expected a mapping`, key);
  for (const k of Object.keys(body)) {
    if (!keys.includes(k)) throw invalid(site, `Invalid key '${k}' for ${entity}`, key, k);
  }
  return body;
}

/** `Schema.get_num`: absent stays absent, anything else goes through str_to_num. */
function getNum(site: ConstraintSite, body: Record<string, unknown>, key: string, at: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  try {
    return strToNum(v);
  } catch (e) {
    throw invalid(site, `${at} ${key}: ${(e as Error).message}`, at, key);
  }
}

/**
 * Parse one entry of a parameter's `constraints` list with Heat's precedence (modulo (2017-02-24 on),
 * range, length, allowed_values, allowed_pattern, custom_constraint): a map naming several constraints
 * keeps only the first, as in Heat. Throws a HotError in Heat's words for a bad definition.
 */
export function parseConstraint(def: unknown, site: ConstraintSite): Constraint {
  if (!isMap(def)) throw invalid(site, "Invalid parameter constraints, expected a mapping");
  for (const k of Object.keys(def)) {
    if (!CONSTRAINT_KEYS.includes(k)) throw invalid(site, `Invalid key '${k}' for parameter constraints`, k);
  }
  const rawDescription = def.description;
  const description = rawDescription === undefined || rawDescription === null ? undefined : pyStr(rawDescription);
  const base = { description, path: site.path };
  if (site.version.hasModulo && "modulo" in def) {
    const body = checkBody(site, def.modulo, ["step", "offset"], "modulo constraint", "modulo");
    const step = getNum(site, body, "step", "modulo");
    const offset = getNum(site, body, "offset", "modulo");
    if (step === undefined || offset === undefined) {
      throw invalid(site, "A modulo constraint must have a step value and an offset value specified.", "modulo");
    }
    if (!Number.isInteger(step) || !Number.isInteger(offset)) throw invalid(site, "step/offset must be integer", "modulo");
    if (step === 0) throw invalid(site, "step cannot be 0.", "modulo");
    if (Math.abs(offset) >= Math.abs(step)) {
      throw invalid(site, "offset must be smaller (by absolute value) than step.", "modulo");
    }
    if (step * offset < 0) throw invalid(site, "step and offset must be both positive or both negative.", "modulo");
    return { kind: "modulo", step, offset, ...base };
  }
  if ("range" in def) {
    const body = checkBody(site, def.range, ["min", "max"], "range constraint", "range");
    const min = getNum(site, body, "min", "range");
    const max = getNum(site, body, "max", "range");
    if (min === undefined && max === undefined) {
      throw invalid(site, "A range constraint must have a min value and/or a max value specified.", "range");
    }
    return { kind: "range", min, max, ...base };
  }
  if ("length" in def) {
    const body = checkBody(site, def.length, ["min", "max"], "length constraint", "length");
    const min = getNum(site, body, "min", "length");
    const max = getNum(site, body, "max", "length");
    if (min === undefined && max === undefined) {
      throw invalid(site, "A length constraint must have a min value and/or a max value specified.", "length");
    }
    if ((min !== undefined && !Number.isInteger(min)) || (max !== undefined && !Number.isInteger(max))) {
      throw invalid(site, "min/max length must be integral", "length");
    }
    return { kind: "length", min, max, ...base };
  }
  if ("allowed_values" in def) {
    const allowed = def.allowed_values;
    if (!Array.isArray(allowed)) throw invalid(site, "AllowedValues must be a list", "allowed_values");
    return { kind: "allowed_values", allowed, ...base };
  }
  if ("allowed_pattern" in def) {
    const pattern = def.allowed_pattern;
    if (typeof pattern !== "string") throw invalid(site, "AllowedPattern must be a string", "allowed_pattern");
    let regex: RegExp;
    try {
      regex = compilePythonPattern(pattern);
    } catch (e) {
      throw invalid(site, `allowed_pattern "${pattern}" is not a valid regular expression: ${(e as Error).message}`, "allowed_pattern");
    }
    return { kind: "allowed_pattern", pattern, regex, ...base };
  }
  if ("custom_constraint" in def) {
    return { kind: "custom_constraint", name: pyStr(def.custom_constraint), ...base };
  }
  const hint = "modulo" in def ? ` (modulo needs heat_template_version 2017-02-24 or later; this is ${site.version.written})` : "";
  throw invalid(site, `No constraint expressed${hint}`);
}

/** Heat's "X constraint invalid for TYPE", or undefined when the constraint applies to the type. */
export function constraintTypeError(constraint: Constraint, type: ParameterType): string | undefined {
  if (CONSTRAINT_TYPES[constraint.kind].includes(type)) return undefined;
  return `${CLASS_NAMES[constraint.kind]} constraint invalid for ${type}`;
}

/** Python's `len()`: code points for strings, items for lists, keys for maps. */
function pythonLen(value: unknown): number {
  if (typeof value === "string") {
    let n = 0;
    for (const _ of value) n++;
    return n;
  }
  if (Array.isArray(value)) return value.length;
  if (isMap(value)) return Object.keys(value).length;
  throw new Error(`object of type '${describeType(value)}' has no len()`);
}

function inRange(n: number, min: number | undefined, max: number | undefined): boolean {
  return !(min !== undefined && n < min) && !(max !== undefined && n > max);
}

/**
 * Check a value against one constraint as Heat's `Constraint.validate` does. Returns the message Heat
 * shows (the constraint's description when it has one), or undefined when the value passes.
 * Custom constraints are not checked here (they need a cloud). Throws for values Heat cannot compare.
 */
export function constraintViolation(constraint: Constraint, value: unknown, type: ParameterType): string | undefined {
  const message = (defaultMessage: () => string) => constraint.description ?? defaultMessage();
  switch (constraint.kind) {
    case "range": {
      const n = strToNum(value);
      if (inRange(n, constraint.min, constraint.max)) return undefined;
      return message(() => `${pyStr(value)} is out of range (min: ${pyStr(constraint.min ?? null)}, max: ${pyStr(constraint.max ?? null)})`);
    }
    case "length": {
      const len = pythonLen(value);
      if (inRange(len, constraint.min, constraint.max)) return undefined;
      return message(() => `length (${len}) is out of range (min: ${pyStr(constraint.min ?? null)}, max: ${pyStr(constraint.max ?? null)})`);
    }
    case "modulo": {
      const n = strToNum(value);
      // Python's % takes the sign of the divisor.
      const mod = ((n % constraint.step) + constraint.step) % constraint.step;
      if (mod === constraint.offset) return undefined;
      return message(() => `${pyStr(value)} is not a multiple of ${constraint.step} with an offset of ${constraint.offset}`);
    }
    case "allowed_values": {
      const ok = Array.isArray(value)
        ? value.every((v) => constraint.allowed.some((a) => pythonEquals(v, a)))
        : constraint.allowed.some((a) => pythonEquals(toSchemaType(value, type), toSchemaType(a, type)));
      if (ok) return undefined;
      return message(
        () =>
          `${pythonJsonDumps(value, false)} is not an allowed value [${constraint.allowed.map((a) => pythonJsonDumps(a, false)).join(", ")}]`,
      );
    }
    case "allowed_pattern": {
      if (typeof value !== "string") throw new Error(`expected string or bytes-like object, got '${describeType(value)}'`);
      constraint.regex.lastIndex = 0;
      const match = constraint.regex.exec(value);
      if (match !== null && match[0].length === value.length) return undefined;
      return message(() => `"${value}" does not match pattern "${constraint.pattern}"`);
    }
    case "custom_constraint":
      return undefined;
  }
}
