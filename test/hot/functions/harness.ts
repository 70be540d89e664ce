/**
 * A FunctionContext over plain data, the same stand-in stack as test/fixtures/functions/heat_oracle.py:
 * resources have the reference id "<name>-id" and the given attribute values.
 */
import { Conditions } from "../../../src/hot/conditions";
import { HotError } from "../../../src/hot/diagnostics";
import { evaluateSnippet } from "../../../src/hot/functions/evaluate";
import { selectFromAttribute } from "../../../src/hot/functions/get_attr";
import { functionsForVersion } from "../../../src/hot/functions/index";
import { resolveSnippet } from "../../../src/hot/functions/resolve";
import { FunctionContext, OMIT, ReferenceChecker, validateSnippet } from "../../../src/hot/functions/types";

export interface Stand {
  readonly version: string;
  readonly params?: Record<string, unknown>;
  readonly files?: Record<string, string>;
  readonly conditions?: unknown;
  readonly resources?: Record<string, Record<string, unknown>>;
  readonly facade?: Partial<Record<"metadata" | "deletion_policy" | "update_policy", unknown>>;
}

export const FILE = "template.yaml";

export function standContext(stand: Stand): { ctx: FunctionContext; conditions: Conditions; checker: ReferenceChecker } {
  const table = functionsForVersion(stand.version)!;
  const params = stand.params ?? {};
  const resources = stand.resources ?? {};
  const has = (map: object, key: string) => Object.prototype.hasOwnProperty.call(map, key);
  const getParam = (name: string) => (has(params, name) ? params[name] : undefined);
  const conditions = new Conditions(stand.conditions, { table, file: FILE, getParam });
  const ctx: FunctionContext = {
    getParam,
    getResource: (name) => (has(resources, name) ? `${name}-id` : undefined),
    getAttr: (resource, attribute, path) =>
      attribute === undefined ? resources[resource] : selectFromAttribute(resources[resource][attribute], path),
    getFile: (name) => stand.files?.[name],
    condition: (name) => conditions.condition(name),
    resourceFacade: (kind) => stand.facade?.[kind],
  };
  const checker: ReferenceChecker = {
    hasResource: (name) => has(resources, name),
    checkAttribute: (resource, attribute) => (has(resources[resource], attribute) ? undefined : ""),
  };
  return { ctx, conditions, checker };
}

export type Outcome = { value: unknown } | { error: string; path: readonly (string | number)[] } | { omitted: true };

/** Resolves, checks and evaluates a snippet found at `["snippet"]`, as the oracle does. */
export function run(stand: Stand, snippet: unknown, kind: "value" | "condition" = "value"): Outcome {
  try {
    const { ctx, conditions, checker } = standContext(stand);
    const table = functionsForVersion(stand.version)!;
    const resolved = resolveSnippet(snippet, ["snippet"], {
      table,
      file: FILE,
      kind,
      conditions,
      isResource: (name) => stand.resources !== undefined && name in stand.resources,
    });
    if (resolved === OMIT) {
      return { omitted: true };
    }
    if (kind === "condition") {
      return { value: conditions.evaluate(resolved, FILE, ["snippet"]) };
    }
    const problems: HotError[] = [];
    validateSnippet(resolved, checker, problems);
    if (problems.length > 0) {
      throw problems[0];
    }
    return { value: evaluateSnippet(resolved, ctx) };
  } catch (error) {
    if (error instanceof HotError) {
      return { error: error.message, path: error.path };
    }
    throw error;
  }
}
