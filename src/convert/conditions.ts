/**
 * Conditions as TypeScript. The front end (load.ts) decides every condition with the parameters'
 * defaults; a program must decide them when it runs, from its stack config. So the converter:
 * - loads the template a second time with every condition true (`allConditionsTrue`: the
 *   definitions are blanked to `true` in the text, positions kept), so that every resource and
 *   output exists in the loaded stack;
 * - writes each definition of the `conditions` section as a boolean over the config variables
 *   (`conditionCode`), and a resource's or output's `condition` as that boolean;
 * - keeps both branches of every `if` (`withConditionals`: the call becomes a {@link ConditionalValue}
 *   node holding the condition and both resolved branches), written as a ternary.
 */
import * as YAML from "yaml";
import { HotError, NodePath } from "../hot/diagnostics";
import { VersionFunctions } from "../hot/functions/index";
import { isMap } from "../hot/functions/python";
import { resolveSnippet } from "../hot/functions/resolve";
import { FunctionNode, OMIT, Snippet } from "../hot/functions/types";
import { ConditionalValue } from "./conditionalValue";
import { Expr, literalExpr, parameterPath, plainExpr } from "./expressions";

/** What resolving a snippet with its `if`s kept needs. */
export interface ConditionalResolve {
  readonly table: VersionFunctions;
  readonly file: string;
  /** Problems of the calls (reported by the converter). */
  readonly problems: HotError[];
}

/** Whether a raw snippet calls `if` anywhere (in a version that has it). */
export function callsIf(raw: unknown, table: VersionFunctions): boolean {
  if (Array.isArray(raw)) return raw.some((item) => callsIf(item, table));
  if (!isMap(raw)) return false;
  const keys = Object.keys(raw);
  if (keys.length === 1 && keys[0] === "if" && table.functions.has("if")) return true;
  return keys.some((k) => callsIf(raw[k], table));
}

/** Resolves a raw snippet like the front end does, except that each `if` keeps both branches. */
export function withConditionals(raw: unknown, path: NodePath, options: ConditionalResolve): Snippet {
  const resolved = resolveSnippet(marked(raw, [...path], options), path, { table: options.table, file: options.file, problems: options.problems });
  return resolved === OMIT ? null : resolved;
}

/** The raw snippet with every `if` replaced by its ConditionalValue (plain objects pass through resolution). */
function marked(raw: unknown, path: (string | number)[], options: ConditionalResolve): unknown {
  if (Array.isArray(raw)) return raw.map((item, i) => marked(item, [...path, i], options));
  if (!isMap(raw)) return raw;
  const keys = Object.keys(raw);
  if (keys.length === 1 && keys[0] === "if" && options.table.functions.has("if")) {
    const at = [...path, "if"];
    const args = raw.if;
    if (Array.isArray(args) && (args.length === 3 || (args.length === 2 && options.table.functions.get("if")?.heatClass === "IfNullable"))) {
      const condition = resolveSnippet(args[0], [...at, 0], { table: options.table, file: options.file, kind: "condition", problems: options.problems });
      const branch = (i: number) => withConditionals(args[i], [...at, i], options);
      return new ConditionalValue(condition === OMIT ? null : condition, branch(1), args.length === 3 ? branch(2) : undefined, options.file, at);
    }
    // A malformed if: resolved as written, so the front end's own error is reported.
    return raw;
  }
  return Object.fromEntries(keys.map((k) => [k, marked(raw[k], [...path, k], options)]));
}

/** Whether a resolved snippet holds a ConditionalValue. */
export function hasConditional(snippet: Snippet | undefined): boolean {
  if (snippet instanceof ConditionalValue) return true;
  if (snippet instanceof FunctionNode) return hasConditional(snippet.args);
  if (Array.isArray(snippet)) return snippet.some(hasConditional);
  if (snippet !== null && typeof snippet === "object") return Object.values(snippet).some(hasConditional);
  return false;
}

/**
 * The template's text with every condition made `true`: each definition in `conditions` and each
 * resource's and output's `condition` value is blanked to `true` (or `on`, PyYAML's true, when
 * only two characters fit), keeping every line and the columns of everything else, so that the
 * front end's positions stay those of the real file. `undefined` when there is nothing to blank.
 */
export function allConditionsTrue(text: string): string | undefined {
  const document = YAML.parseDocument(text, { uniqueKeys: false, strict: false });
  const root = document.contents;
  if (!YAML.isMap(root)) return undefined;
  const ranges: [number, number][] = [];
  const valueOf = (map: unknown, key: string): unknown => (YAML.isMap(map) ? map.items.find((p) => YAML.isScalar(p.key) && p.key.value === key)?.value : undefined);
  const conditions = valueOf(root, "conditions");
  if (YAML.isMap(conditions)) conditions.items.forEach((p) => YAML.isNode(p.value) && p.value.range && ranges.push([p.value.range[0], p.value.range[1]]));
  for (const section of ["resources", "outputs"]) {
    const entries = valueOf(root, section);
    if (!YAML.isMap(entries)) continue;
    for (const entry of entries.items) {
      const condition = valueOf(entry.value, "condition");
      if (YAML.isNode(condition) && condition.range) ranges.push([condition.range[0], condition.range[1]]);
    }
  }
  if (ranges.length === 0) return undefined;
  let result = text;
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) {
    const blank = text.slice(start, end).replace(/[^\n]/g, " ");
    const firstLine = blank.indexOf("\n") < 0 ? blank.length : blank.indexOf("\n");
    const word = firstLine >= 4 ? "true" : "on";
    result = result.slice(0, start) + word + blank.slice(Math.min(word.length, firstLine)) + result.slice(end);
  }
  return result;
}

/** What condition code is written against. */
export interface ConditionScope {
  /** The config variable of a parameter, with its HOT type; undefined when there is none. */
  parameter(name: string): { readonly expr: Expr; readonly type: string } | undefined;
  /** The variable of a named condition, undefined when the section has none by that name. */
  condition(name: string): string | undefined;
  unsupported(message: string, file: string, path: NodePath): Expr;
}

/** Boolean code, and whether it needs parentheses inside `!`, `&&` or `||`. */
interface BooleanCode {
  readonly code: string;
  /** `&&`, `||`, `===`: the operator at the top, undefined for an atom. */
  readonly operator?: string;
}

/** The TypeScript type of a scalar HOT parameter type. */
const SCALAR_TYPES: Readonly<Record<string, string>> = { string: "string", number: "number", boolean: "boolean" };

/**
 * A resolved condition (a condition name, a bool, null, or a condition function: get_param,
 * equals, not, and, or, contains) as a TypeScript boolean expression over the config variables.
 */
export function conditionCode(snippet: Snippet, scope: ConditionScope, file: string, path: NodePath): string {
  return booleanCode(snippet, scope, file, path).code;
}

function booleanCode(snippet: Snippet, scope: ConditionScope, file: string, path: NodePath): BooleanCode {
  const unsupported = (why: string, at: NodePath = path): BooleanCode => ({ code: scope.unsupported(why, file, at).code });
  if (typeof snippet === "boolean") return { code: String(snippet) };
  // Heat's is_enabled(None) is true.
  if (snippet === null) return { code: "true" };
  if (typeof snippet === "string") {
    const variable = scope.condition(snippet);
    return variable === undefined ? unsupported(`Invalid condition "${snippet}"`) : { code: variable };
  }
  if (!(snippet instanceof FunctionNode)) return unsupported("this condition has no TypeScript form");
  const at = snippet.location.path;
  const args = Array.isArray(snippet.args) ? snippet.args : [snippet.args];
  // `a || b` inside `&&` keeps its parentheses; `===` binds tighter than both.
  const operand = (op: string) => (item: Snippet, i: number) => {
    const b = booleanCode(item, scope, file, [...at, i]);
    return b.operator === "||" && op === "&&" ? `(${b.code})` : b.code;
  };
  switch (snippet.fnName) {
    case "not": {
      const inner = booleanCode(snippet.args, scope, file, at);
      return { code: inner.operator === undefined ? `!${inner.code}` : `!(${inner.code})` };
    }
    case "and":
    case "or": {
      const op = snippet.fnName === "and" ? "&&" : "||";
      if (args.length === 0) return { code: String(snippet.fnName === "and") };
      if (args.length === 1) return booleanCode(args[0], scope, file, [...at, 0]);
      return { code: args.map(operand(op)).join(` ${op} `), operator: op };
    }
    case "equals": {
      const [left, right] = [valueOperand(args[0], scope, file, [...at, 0]), valueOperand(args[1], scope, file, [...at, 1])];
      // Plain === when both sides are scalars of one type; Python's == on lists and maps otherwise.
      if (left.type !== undefined && left.type === right.type) return { code: `${left.code} === ${right.code}`, operator: "===" };
      return { code: `isDeepStrictEqual(${left.code}, ${right.code})` };
    }
    case "contains": {
      const [value, sequence] = [valueOperand(args[0], scope, file, [...at, 0]), valueOperand(args[1], scope, file, [...at, 1])];
      return { code: `(${sequence.code} as unknown[]).includes(${value.code})` };
    }
    case "get_param": {
      const value = valueOperand(snippet, scope, file, at);
      return value.type === "boolean" ? { code: value.code } : unsupported("a condition reading a parameter that is not a boolean has no TypeScript form");
    }
    default:
      return unsupported(`${snippet.fnName} in a condition has no TypeScript form in heatshift convert`, at);
  }
}

/** An operand of equals/contains: its code and, for scalars, its TypeScript type. */
function valueOperand(snippet: Snippet, scope: ConditionScope, file: string, path: NodePath): { code: string; type?: string } {
  if (snippet instanceof FunctionNode && snippet.fnName === "get_param") {
    const [name, ...selectors] = Array.isArray(snippet.args) ? snippet.args : [snippet.args];
    const param = typeof name === "string" ? scope.parameter(name) : undefined;
    if (param === undefined || param.expr.output) {
      return { code: scope.unsupported("a condition can read only a parameter whose value is known when the program starts (not a nested template's argument)", file, snippet.location.path).code };
    }
    if (selectors.length === 0) return { code: param.expr.code, type: SCALAR_TYPES[param.type] };
    // A key may itself be read from a parameter (`get_param: [map, {get_param: key}]`).
    const keys = selectors.map((s, i) => (s instanceof FunctionNode ? plainExpr(valueOperand(s, scope, file, [...snippet.location.path, i + 1]).code) : literalExpr(s)));
    return { code: parameterPath(param.expr, keys).code };
  }
  if (snippet instanceof FunctionNode) return { code: scope.unsupported(`${snippet.fnName} in a condition has no TypeScript form in heatshift convert`, file, snippet.location.path).code };
  const literal = literalExpr(snippet);
  const type = typeof snippet;
  return { code: literal.code, type: type === "string" || type === "number" || type === "boolean" ? type : undefined };
}
