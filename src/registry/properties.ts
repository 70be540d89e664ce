/**
 * Properties as Heat treats them (heat/engine/properties.py, translation.py): deprecated names
 * translated, unknown and missing properties reported, values coerced to the schema type, the
 * allowed values and ranges checked, defaults filled in. Values not known yet (Pulumi Outputs,
 * get_attr before deployment) pass unchecked.
 */
import * as pulumi from "@pulumi/pulumi";
import { AttributeSpec, PropertiesSchema, PropertyProblem, PropertySchema, RegistryEntry } from "./types";

/** The outcome: the properties ready for a factory, and every problem found. */
export interface ResolvedProperties {
  readonly values: Record<string, unknown>;
  readonly problems: PropertyProblem[];
}

/** Whether a value is known only after deployment. */
export type UnknownTest = (value: unknown) => boolean;

const isOutput: UnknownTest = (value) => pulumi.Output.isInstance(value);

/**
 * Translates, checks and completes the properties of one resource. `isUnknown` tells values not
 * known yet (default: Pulumi Outputs); they are passed through as they are.
 */
export function resolveProperties(
  entry: RegistryEntry,
  given: unknown,
  isUnknown: UnknownTest = isOutput,
): ResolvedProperties {
  const problems: PropertyProblem[] = [];
  if (given === undefined || given === null) given = {};
  if (isUnknown(given)) return { values: given as Record<string, unknown>, problems };
  if (!isPlainMap(given)) {
    problems.push({ message: `properties of ${entry.type} must be a map, not ${describe(given)}`, path: [] });
    return { values: {}, problems };
  }
  let values = renameDeprecated(entry, given, problems);
  if (entry.translate) values = entry.translate(values);
  const checked = checkMap(entry.properties, values, [], entry.type, problems, isUnknown);
  if (entry.validate && problems.length === 0) problems.push(...entry.validate(checked));
  return { values: checked, problems };
}

/**
 * Moves deprecated property names to their current names (Heat's REPLACE translation rules), in
 * a copy (the given map itself for a type without deprecated names); works on resolved snippets
 * too (function calls are leaves).
 */
export function renameDeprecated(entry: RegistryEntry, given: Record<string, unknown>, problems: PropertyProblem[]): Record<string, unknown> {
  if (!entry.renamed?.length) return given;
  const values = { ...given };
  for (const rename of entry.renamed) {
    for (const [map, path] of mapsAt(values, rename.at, [])) {
      if (!(rename.from in map) || map[rename.from] === null) continue;
      if (rename.to in map && map[rename.to] !== null) {
        problems.push({
          message: `"${rename.from}" and "${rename.to}" are both given; "${rename.from}" is the deprecated name of "${rename.to}" (${entry.type}): keep only "${rename.to}"`,
          path: [...path, rename.from],
        });
        delete map[rename.from];
        continue;
      }
      map[rename.to] = map[rename.from];
      delete map[rename.from];
    }
  }
  return values;
}

/** The maps found at a path pattern (`*` = every list item), copied so that renames do not touch the template. */
function mapsAt(root: Record<string, unknown>, at: readonly string[], path: (string | number)[]): [Record<string, unknown>, (string | number)[]][] {
  if (at.length === 0) return [[root, path]];
  const [step, ...rest] = at;
  const found: [Record<string, unknown>, (string | number)[]][] = [];
  if (step === "*") return found;
  const child = root[step];
  if (rest[0] === "*" && Array.isArray(child)) {
    const copy = child.map((item) => (isPlainMap(item) ? { ...item } : item));
    root[step] = copy;
    copy.forEach((item, i) => {
      if (isPlainMap(item)) found.push(...mapsAt(item, rest.slice(1), [...path, step, i]));
    });
  } else if (isPlainMap(child)) {
    const copy = { ...child };
    root[step] = copy;
    found.push(...mapsAt(copy, rest, [...path, step]));
  }
  return found;
}

/** A schema as parallel lists, built once per schema object (schemas are static tables). */
interface CompiledSchema {
  readonly keys: readonly string[];
  readonly schemas: readonly PropertySchema[];
  /** Each key's position in `keys`. */
  readonly positions: ReadonlyMap<string, number>;
}

const compiledSchemas = new WeakMap<PropertiesSchema, CompiledSchema>();

function compile(schema: PropertiesSchema): CompiledSchema {
  let compiled = compiledSchemas.get(schema);
  if (!compiled) {
    const keys = Object.keys(schema);
    compiled = { keys, schemas: Object.values(schema), positions: new Map(keys.map((key, i) => [key, i])) };
    compiledSchemas.set(schema, compiled);
  }
  return compiled;
}

/**
 * A copy of a schema default for one resource. Not structuredClone: under jest that builds its
 * arrays in Node's realm, not the test's, and Pulumi's serializer then takes a `[]` for a `{}`.
 */
function copyDefault(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyDefault);
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = copyDefault((value as Record<string, unknown>)[key]);
    return copy;
  }
  return value;
}

function checkMap(
  schema: PropertiesSchema,
  given: Record<string, unknown>,
  path: readonly (string | number)[],
  owner: string,
  problems: PropertyProblem[],
  isUnknown: UnknownTest,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const { keys, schemas, positions } = compile(schema);
  // The given values by schema position: the schema's keys are never looked up in `given` (most
  // are absent, and a lookup of an absent key is the slow kind).
  const slots = new Array<unknown>(keys.length);
  for (const key of Object.keys(given)) {
    const position = positions.get(key);
    if (position !== undefined) {
      slots[position] = given[key];
      continue;
    }
    const hint = closest(key, keys);
    problems.push({
      message: `unknown property "${key}" for ${owner}${hint ? `; did you mean "${hint}"?` : ""} (known: ${keys.join(", ")})`,
      path: [...path, key],
    });
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const propertySchema = schemas[i];
    const value = slots[i];
    if (value === undefined || value === null) {
      if (propertySchema.default !== undefined) result[key] = copyDefault(propertySchema.default);
      else if (propertySchema.required) {
        problems.push({ message: `property "${key}" is required by ${owner} but not given`, path: [...path, key] });
      }
      continue;
    }
    result[key] = checkValue(propertySchema, value, path, key, owner, problems, isUnknown);
  }
  return result;
}

/** Checks the value at `[...parent, step]`; the path is built only for a problem or a nested value. */
function checkValue(
  schema: PropertySchema,
  value: unknown,
  parent: readonly (string | number)[],
  step: string | number,
  owner: string,
  problems: PropertyProblem[],
  isUnknown: UnknownTest,
): unknown {
  if (isUnknown(value)) return value;
  let result = coerce(schema, value);
  if (result === NOT_COERCED) {
    problems.push({ message: `property "${nameAt(parent, step)}" of ${owner}: ${coercionError(schema, value)}`, path: [...parent, step] });
    return value;
  }
  if (schema.allowed && !isAllowed(schema.allowed, result)) {
    problems.push({
      message: `property "${nameAt(parent, step)}" of ${owner} is ${JSON.stringify(result)}; allowed values: ${schema.allowed.map((v) => JSON.stringify(v)).join(", ")}`,
      path: [...parent, step],
    });
  }
  if (schema.range && typeof result === "number") {
    const { min, max } = schema.range;
    if ((min !== undefined && result < min) || (max !== undefined && result > max)) {
      problems.push({ message: `property "${nameAt(parent, step)}" of ${owner} is ${result}; expected ${rangeText(min, max)}`, path: [...parent, step] });
    }
  }
  if (schema.length && (typeof result === "string" || Array.isArray(result))) {
    const { min, max } = schema.length;
    const length = result.length;
    if ((min !== undefined && length < min) || (max !== undefined && length > max)) {
      problems.push({
        message: `property "${nameAt(parent, step)}" of ${owner} has length ${length}; expected a length ${rangeText(min, max)}`,
        path: [...parent, step],
      });
    }
  }
  if (schema.items && Array.isArray(result)) {
    const path = [...parent, step];
    const items = schema.items;
    result = result.map((item, i) => checkValue(items, item, path, i, owner, problems, isUnknown));
  }
  if (schema.keys && isPlainMap(result)) {
    result = checkMap(schema.keys, result, [...parent, step], owner, problems, isUnknown);
  }
  return result;
}

function nameAt(parent: readonly (string | number)[], step: string | number): string {
  return [...parent, step].join(".");
}

/** What {@link coerce} returns for a value its schema type does not accept (no result object per value). */
const NOT_COERCED = Symbol("not coerced");

/** Heat's coercion (properties.Property._get_*): the value as the schema type takes it, or NOT_COERCED. */
function coerce(schema: PropertySchema, value: unknown): unknown {
  switch (schema.type) {
    case "String":
      if (typeof value === "string") return value;
      if (typeof value === "number") return String(value);
      if (typeof value === "boolean") return value ? "True" : "False";
      return NOT_COERCED;
    case "Integer": {
      const n = typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
      return typeof n === "number" && Number.isFinite(n) ? Math.trunc(n) : NOT_COERCED;
    }
    case "Number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      return typeof n === "number" && Number.isFinite(n) ? n : NOT_COERCED;
    }
    case "Boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      return NOT_COERCED;
    case "List":
      return Array.isArray(value) ? value : NOT_COERCED;
    case "Map":
      return isPlainMap(value) ? value : NOT_COERCED;
    case "Any":
      return value;
  }
}

/** Why {@link coerce} did not take a value. */
function coercionError(schema: PropertySchema, value: unknown): string {
  const expected = {
    String: "a string",
    Integer: "an integer",
    Number: "a number",
    Boolean: "a boolean (true or false)",
    List: "a list",
    Map: "a map",
    Any: "any value",
  }[schema.type];
  return `expected ${expected}, got ${describe(value)}`;
}

function isAllowed(allowed: readonly unknown[], value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => isAllowed(allowed, v));
  return allowed.some((a) => a === value || (typeof a === "number" && String(a) === value));
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** A plain map (not a list, not a Pulumi Output, not null). */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !pulumi.Output.isInstance(value);
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list (${truncate(JSON.stringify(value))})`;
  if (isPlainMap(value)) return `a map (${truncate(JSON.stringify(value))})`;
  if (typeof value === "string") return `the string ${truncate(JSON.stringify(value))}`;
  return `${typeof value} ${String(value)}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The candidate nearest to a misspelt name (at most 2 edits), if any. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > 2) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Marks the attributes a factory does not map, with the reason (one place per type for the list). */
export function withUnmapped(
  attributes: Readonly<Record<string, AttributeSpec>>,
  mapped: readonly string[],
  reason: string,
): Readonly<Record<string, AttributeSpec>> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, spec]) => [name, mapped.includes(name) ? spec : { ...spec, unmapped: reason }]),
  );
}

/** Heat's empty-map defaults (value_specs: {}) are not sent; Pulumi gets nothing rather than `{}`. */
export function isEmptyMap(value: unknown): boolean {
  return value === undefined || (isPlainMap(value) && Object.keys(value).length === 0);
}

/**
 * A name-or-ID value as an ID: values of this template's resources (get_resource, get_attr) and
 * UUIDs pass; a literal name is looked up, and so is a value `lookedUp` tells (a nested template's
 * parameter, which may be a name), by ID or by name as Heat's `find_resourceid_by_name_or_id`.
 */
export function asId(
  value: unknown,
  lookup: (nameOrId: pulumi.Input<string>) => pulumi.Output<string>,
  isId: (v: string) => boolean,
  lookedUp: (value: unknown) => boolean = () => false,
): pulumi.Input<string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return isId(value) ? value : lookup(value);
  if (pulumi.Output.isInstance(value) && lookedUp(value)) return lookup(value as pulumi.Output<string>);
  return value as pulumi.Input<string>;
}
