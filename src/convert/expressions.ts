/**
 * Intrinsic functions as TypeScript: a resolved snippet (functions/ nodes over plain data) becomes
 * an expression over the program's variables. `get_param` reads the config variable,
 * `get_resource`/`get_attr` read the variable of the resource (or of the component that holds it),
 * `str_replace` and `list_join` become template literals, or `pulumi.interpolate` as soon as one
 * part is an Output. A function heatshift cannot write as code is handed to `unsupported`.
 */
import { NodePath } from "../hot/diagnostics";
import { memberListToMap } from "../hot/functions/cfn_member_list_to_map";
import { select } from "../hot/functions/cfn_select";
import { contains } from "../hot/functions/contains";
import { digest } from "../hot/functions/digest";
import { filter } from "../hot/functions/filter";
import { listConcat } from "../hot/functions/list_concat";
import { makeUrl } from "../hot/functions/make_url";
import { mapMerge } from "../hot/functions/map_merge";
import { mapReplace } from "../hot/functions/map_replace";
import { repeat, RepeatNode } from "../hot/functions/repeat";
import { strReplace } from "../hot/functions/str_replace";
import { strSplit } from "../hot/functions/str_split";
import { FunctionNode, Snippet } from "../hot/functions/types";
import { ConditionalValue } from "./conditionalValue";
import { isIdentifier, isPropertyName } from "./identifiers";

/** A TypeScript expression and what it carries. */
export interface Expr {
  readonly code: string;
  /** The value is a `pulumi.Output` (so string building needs `pulumi.interpolate` or `.apply`). */
  readonly output: boolean;
  /** The HOT resources this expression reads: a Pulumi reference to them carries the dependency. */
  readonly refs: ReadonlySet<string>;
  /** For literals: the plain value (str_replace inlines literal params). */
  readonly literal?: { readonly value: unknown };
  /** A list or map with an Output inside (a function of it needs `pulumi.output(...).apply`). */
  readonly holdsOutput?: boolean;
  /** For code in parentheses (`(v?.["k"] ?? "")`): the code inside them, for a call's argument. */
  readonly unwrapped?: string;
  /** For `source.apply((parameter) => body)`: its parts, so a conversion of the result goes inside (see {@link convertedBy}). */
  readonly applied?: { readonly source: string; readonly parameter: string; readonly body: string };
  /** Heat's null standing for an attribute heatshift cannot read: a property given just this is not set (see Properties.expr). */
  readonly unreadableAttribute?: true;
}

/** `source.apply((parameter) => body)` as an Expr that remembers its parts. */
function appliedExpr(source: string, parameter: string, body: string, refs: ReadonlySet<string>): Expr {
  return { code: `${source}.apply((${parameter}) => ${body})`, output: true, refs, applied: { source, parameter, body } };
}

/** The value passed through a function (`Number`): `Number(x)`, or inside the `.apply` that computes it. */
export function convertedBy(e: Expr, fn: string): Expr {
  if (e.applied !== undefined) return appliedExpr(e.applied.source, e.applied.parameter, `${fn}(${e.applied.body})`, e.refs);
  return { code: e.output ? `${e.code}.apply(${fn})` : `${fn}(${e.unwrapped ?? e.code})`, output: e.output, refs: e.refs };
}

/** How the program exposes one HOT resource. */
export interface ResourceBinding {
  /** What `get_resource` gives (Heat's reference id, usually the ID). */
  reference(): Expr | string;
  /** What `get_attr` gives, or a reason why it has no TypeScript form. */
  attribute(name: string, path: readonly (string | number)[]): Expr | string;
}

/** What expressions are written against. */
export interface ExpressionScope {
  /** The variable of a parameter (or pseudo parameter), undefined when there is none. */
  parameter(name: string): Expr | undefined;
  /** The HOT type of a parameter (`string`, `number`...), undefined when there is none. */
  parameterType(name: string): string | undefined;
  /** The binding of a resource, undefined when it is not converted. */
  resource(name: string): ResourceBinding | undefined;
  /** Records a construct with no TypeScript form (an error, or a warning + TODO) and returns the placeholder. */
  unsupported(message: string, file: string, path: NodePath): Expr;
  /** A resolved condition (the first argument of `if`) as a boolean expression. */
  condition(condition: Snippet, file: string, path: NodePath): string;
  /** Adds a named import to the program (heatshift's implementation of a function it calls). */
  importName(module: string, name: string): void;
  /** The content of a file named by get_file (relative to the template), as the loader read it; undefined when absent. */
  getFile(name: string): string | undefined;
}

const NO_REFS: ReadonlySet<string> = new Set();

/** A literal expression. */
export function literalExpr(value: unknown, indent = ""): Expr {
  return { code: literalCode(value, indent), output: false, refs: NO_REFS, literal: { value } };
}

/** A plain (not Output) expression with no references. */
export function plainExpr(code: string): Expr {
  return { code, output: false, refs: NO_REFS };
}

/** A string as TypeScript: a template literal when it spans lines (readable scripts), else a double-quoted string. */
export function stringLiteral(text: string): string {
  if (text.includes("\n") && text.length > 40) return `\`${escapeTemplateText(text)}\``;
  return JSON.stringify(text);
}

/** Text inside a template literal: backslash, backtick and `${` escaped. */
export function escapeTemplateText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}

/** A property key as TypeScript: bare when it is an identifier. */
export function propertyKey(key: string): string {
  return isPropertyName(key) ? key : JSON.stringify(key);
}

/** An object literal from entries already written as code; one line when short. */
export function objectCode(entries: readonly (readonly [string, string])[], indent: string, prefix = 0): string {
  if (entries.length === 0) return "{}";
  const parts = entries.map(([k, v]) => (v.startsWith("...") && k === "" ? v : v === k && isIdentifier(k) ? k : `${propertyKey(k)}: ${v}`));
  const oneLine = `{ ${parts.join(", ")} }`;
  if (oneLine.length + indent.length + prefix <= 100 && !oneLine.includes("\n")) return oneLine;
  const inner = `${indent}  `;
  return `{\n${parts.map((p) => `${inner}${p},`).join("\n")}\n${indent}}`;
}

/** An array literal from items already written as code; one line when short. */
export function arrayCode(items: readonly string[], indent: string): string {
  const oneLine = `[${items.join(", ")}]`;
  if (oneLine.length + indent.length <= 100 && !oneLine.includes("\n")) return oneLine;
  const inner = `${indent}  `;
  return `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
}

/**
 * A call from arguments already written as code at `indent`: one line when short; a last argument
 * that is a multi-line list or map hugs the parentheses (`f("x", [` ... `])`); else one argument a line.
 */
export function callCode(callee: string, args: readonly string[], indent: string): string {
  const oneLine = `${callee}(${args.join(", ")})`;
  if (oneLine.length + indent.length <= 100 && !oneLine.includes("\n")) return oneLine;
  const last = args[args.length - 1] ?? "";
  const head = `${callee}(${args.slice(0, -1).map((a) => `${a}, `).join("")}`;
  if (/^[[{]\n/.test(last) && !head.includes("\n") && head.length + indent.length < 100) return `${head}${last})`;
  return `${callee}(\n${args.map((a) => `${indent}${indentCode(a, "  ")},`).join("\n")}\n${indent})`;
}

function literalCode(value: unknown, indent: string): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "undefined";
  if (Array.isArray(value)) return arrayCode(value.map((v) => literalCode(v, `${indent}  `)), indent);
  return objectCode(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, literalCode(v, `${indent}  `)] as const), indent);
}

/** The code where nothing binds tighter around it (a list item, a map value, an argument): without its outer parentheses. */
function bare(e: Expr): string {
  return e.unwrapped ?? e.code;
}

/** Whether an expression is an Output or holds one. */
function carriesOutput(e: Expr): boolean {
  return e.output || e.holdsOutput === true;
}

function union(exprs: readonly Expr[]): ReadonlySet<string> {
  const refs = new Set<string>();
  exprs.forEach((e) => e.refs.forEach((r) => refs.add(r)));
  return refs;
}

/** Converts a resolved snippet found at `path` of `file`. */
export function snippetExpr(snippet: Snippet, scope: ExpressionScope, file: string, path: NodePath, indent = ""): Expr {
  if (snippet instanceof FunctionNode) return functionExpr(snippet, scope, indent);
  if (Array.isArray(snippet)) {
    const items = snippet.map((s, i) =>
      // A 2-argument if whose condition is false leaves the item out.
      s instanceof ConditionalValue && s.whenFalse === undefined ? optionalItem(s, scope, `${indent}  `) : snippetExpr(s, scope, file, [...path, i], `${indent}  `),
    );
    if (items.every((i) => i.literal)) return literalExpr(items.map((i) => i.literal!.value), indent);
    return { code: arrayCode(items.map(bare), indent), output: false, refs: union(items), holdsOutput: items.some(carriesOutput) };
  }
  if (snippet !== null && typeof snippet === "object") {
    const entries = Object.entries(snippet).map(([k, v]) => [k, snippetExpr(v, scope, file, [...path, k], `${indent}  `)] as const);
    if (entries.every(([, e]) => e.literal)) return literalExpr(Object.fromEntries(entries.map(([k, e]) => [k, e.literal!.value])), indent);
    return { code: objectCode(entries.map(([k, e]) => [k, bare(e)] as const), indent), output: false, refs: union(entries.map(([, e]) => e)), holdsOutput: entries.some(([, e]) => carriesOutput(e)) };
  }
  return literalExpr(snippet, indent);
}

/** `value_if_true` or `value_if_false` as a ternary; a missing `value_if_false` is `undefined` (the entry is unset). */
function conditionalExpr(node: ConditionalValue, scope: ExpressionScope, indent: string): Expr {
  const { file, path } = node.location;
  const condition = scope.condition(node.condition, file, [...path, 0]);
  const whenTrue = snippetExpr(node.whenTrue, scope, file, [...path, 1], indent);
  const whenFalse = node.whenFalse === undefined ? plainExpr("undefined") : snippetExpr(node.whenFalse, scope, file, [...path, 2], indent);
  return {
    code: `${condition} ? ${whenTrue.code} : ${whenFalse.code}`,
    output: whenTrue.output || whenFalse.output,
    refs: union([whenTrue, whenFalse]),
    holdsOutput: whenTrue.holdsOutput === true || whenFalse.holdsOutput === true,
  };
}

/** A list item of a 2-argument if: spread in only when the condition holds. */
function optionalItem(node: ConditionalValue, scope: ExpressionScope, indent: string): Expr {
  const { file, path } = node.location;
  const item = snippetExpr(node.whenTrue, scope, file, [...path, 1], indent);
  return { code: `...(${scope.condition(node.condition, file, [...path, 0])} ? [${item.code}] : [])`, output: item.output, refs: item.refs, holdsOutput: item.holdsOutput };
}

function functionExpr(node: FunctionNode, scope: ExpressionScope, indent: string): Expr {
  if (node instanceof ConditionalValue) return conditionalExpr(node, scope, indent);
  const { file, path } = node.location;
  const unsupported = (why: string): Expr => scope.unsupported(`${node.fnName}: ${why}`, file, path);
  switch (node.fnName) {
    case "get_param":
    case "Ref": {
      const [name, ...selectors] = Array.isArray(node.args) ? node.args : [node.args];
      if (typeof name !== "string") return unsupported("a parameter name computed by a function has no TypeScript form");
      const param = scope.parameter(name);
      if (param === undefined) {
        const resource = node.fnName === "Ref" ? scope.resource(name) : undefined;
        if (resource) return bindingResult(resource.reference(), unsupported);
        return unsupported(`parameter ${name} has no TypeScript form`);
      }
      if (selectors.length === 0) return param;
      const keys = selectors.map((s, i) => snippetExpr(s, scope, file, [...path, i + 1], indent));
      return parameterPath(param, keys);
    }
    case "get_resource": {
      if (typeof node.args !== "string") return unsupported("a resource name computed by a function has no TypeScript form");
      const binding = scope.resource(node.args);
      if (binding === undefined) return unsupported(`resource ${node.args} is not converted`);
      return bindingResult(binding.reference(), unsupported);
    }
    case "get_attr":
    case "Fn::GetAtt": {
      const [resource, attribute, ...selectors] = node.args as Snippet[];
      if (typeof resource !== "string" || typeof attribute !== "string" || !selectors.every((s) => typeof s === "string" || typeof s === "number")) {
        return unsupported("a computed resource or attribute name has no TypeScript form");
      }
      const binding = scope.resource(resource);
      if (binding === undefined) return unsupported(`resource ${resource} is not converted`);
      return bindingResult(binding.attribute(attribute, selectors as (string | number)[]), (why) => unsupported(`${resource}.${attribute}: ${why}`));
    }
    case "str_replace":
    case "Fn::Replace":
    case "str_replace_strict":
    case "str_replace_vstrict":
      return strReplaceExpr(node, scope, indent, unsupported);
    case "list_join":
    case "Fn::Join":
      return listJoinExpr(node, scope, indent, unsupported);
    case "map_merge":
      return Array.isArray(node.args) ? mapMergeExpr(node, node.args, scope, indent) : runtimeCall(node, RUNTIME_FUNCTIONS.map_merge, scope, indent);
    case "Fn::Base64":
      // Heat passes the text through unchanged (Nova takes user_data as plain text).
      return snippetExpr(node.args, scope, file, path, indent);
    case "Fn::Split": {
      const [delimiter, text] = node.args as Snippet[];
      if (typeof delimiter !== "string" || delimiter === "") return unsupported("only a literal, non-empty delimiter has a TypeScript form");
      const whole = snippetExpr(text, scope, file, [...path, 1], indent);
      const split = `.split(${JSON.stringify(delimiter)})`;
      if (whole.literal && typeof whole.literal.value === "string") return literalExpr(whole.literal.value.split(delimiter), indent);
      return whole.output ? appliedExpr(whole.code, "text", `text${split}`, whole.refs) : { code: `${whole.code}${split}`, output: false, refs: whole.refs };
    }
    case "get_file": {
      if (typeof node.args !== "string") return unsupported("a file name computed by a function has no TypeScript form");
      // Heat reads the file when the template is loaded (the client sends its content): so does the converter.
      const content = scope.getFile(node.args);
      return content === undefined ? unsupported(`No content found in the "files" section for ${node.fnName} path: ${node.args}`) : literalExpr(content, indent);
    }
    default: {
      const runtime = RUNTIME_FUNCTIONS[node.fnName];
      if (runtime !== undefined) return runtimeCall(node, runtime, scope, indent);
      return unsupported("this function has no TypeScript form in heatshift convert yet (see docs/convert.md)");
    }
  }
}

/**
 * A parameter read along a path (`get_param: [name, key, ...]`): `(v?.["key"] ?? "")`, Heat's `""`
 * for a key or index the value does not have; keys may be expressions (`get_param` of an index).
 * With an Output among them, the walk runs in `.apply`.
 */
export function parameterPath(param: Expr, keys: readonly Expr[]): Expr {
  const refs = union([param, ...keys]);
  const key = (k: Expr, code = k.code) => `?.[${k.literal && typeof k.literal.value === "string" ? JSON.stringify(k.literal.value) : code}]`;
  if (!param.output && !keys.some(carriesOutput)) {
    const unwrapped = `${param.code}${keys.map((k) => key(k)).join("")} ?? ""`;
    return { code: `(${unwrapped})`, output: false, refs, unwrapped };
  }
  const computed = keys.filter((k) => !k.literal);
  if (computed.length === 0) return appliedExpr(param.code, "v", `v${keys.map((k) => key(k)).join("")} ?? ""`, refs);
  const names = computed.map((_, i) => `key${computed.length === 1 ? "" : i + 1}`);
  const access = keys.map((k) => (k.literal ? key(k) : key(k, names[computed.indexOf(k)]))).join("");
  return appliedExpr(`pulumi.all([${[param, ...computed].map((e) => e.code).join(", ")}])`, `[v, ${names.join(", ")}]`, `v${access} ?? ""`, refs);
}

/**
 * The module programs import heatshift's run-time helpers from (program/index.ts): one public
 * entry, so that no program depends on where a helper lives inside heatshift.
 */
export const PROGRAM_MODULE = "heatshift/program";

/**
 * A function the program calls when it runs: heatshift's own implementation (src/hot/functions),
 * the one the importer evaluates, so both give the same value; heatshift/program binds the HOT
 * function's name (for Heat's messages). `split` gives the call's arguments from the HOT
 * arguments, each with a name for `.apply`.
 */
interface RuntimeFunction {
  /** Its name in heatshift/program: `hot` and the HOT function's name. */
  readonly name: string;
  split(args: Snippet, node: FunctionNode): { readonly name: string; readonly value: Snippet; readonly at: (string | number)[] }[];
  /** Trailing literal arguments (options), as code. */
  readonly trailing?: (node: FunctionNode) => string[];
  /** The implementation itself, to compute a call whose arguments are all literals when converting. */
  readonly run: (fnName: string, values: unknown[], node: FunctionNode) => unknown;
}

const whole = (name: string) => (args: Snippet) => [{ name, value: args, at: [] }];
const pair = (first: string, second: string) => (args: Snippet) => [
  { name: first, value: (args as Snippet[])[0], at: [0] },
  { name: second, value: (args as Snippet[])[1], at: [1] },
];
const repeatOptions = (node: FunctionNode) => ({ maps: (node as RepeatNode).variant.maps, permutations: (node.args as Record<string, Snippet>).permutations !== false });

const RUNTIME_FUNCTIONS: Readonly<Record<string, RuntimeFunction>> = {
  make_url: { name: "hotMakeUrl", split: whole("parts"), run: (fn, [parts]) => makeUrl(fn, parts) },
  map_replace: { name: "hotMapReplace", split: whole("args"), run: (fn, [args]) => mapReplace(fn, args) },
  map_merge: { name: "hotMapMerge", split: whole("maps"), run: (fn, [maps]) => mapMerge(fn, maps) },
  str_split: { name: "hotStrSplit", split: whole("args"), run: (fn, [args]) => strSplit(fn, args) },
  list_concat: { name: "hotListConcat", split: whole("lists"), run: (fn, [lists]) => listConcat(fn, lists, false) },
  list_concat_unique: { name: "hotListConcatUnique", split: whole("lists"), run: (fn, [lists]) => listConcat(fn, lists, true) },
  contains: { name: "hotContains", split: pair("value", "sequence"), run: (fn, [value, sequence]) => contains(fn, value, sequence) },
  filter: { name: "hotFilter", split: pair("values", "sequence"), run: (fn, [values, sequence]) => filter(fn, values, sequence) },
  digest: { name: "hotDigest", split: whole("args"), run: (fn, [args]) => digest(fn, args) },
  "Fn::Select": { name: "hotSelect", split: pair("index", "collection"), run: (fn, [index, collection]) => select(fn, index, collection) },
  "Fn::MemberListToMap": {
    name: "hotMemberListToMap",
    split: (args) => ["keyName", "valueName", "members"].map((name, i) => ({ name, value: (args as Snippet[])[i], at: [i] })),
    run: (_, [keyName, valueName, members]) => memberListToMap(keyName as string, valueName as string, members),
  },
  repeat: {
    name: "hotRepeat",
    split: (args) => [
      { name: "template", value: (args as Record<string, Snippet>).template, at: ["template"] },
      { name: "forEach", value: (args as Record<string, Snippet>).for_each, at: ["for_each"] },
    ],
    trailing: (node) => [literalCode(repeatOptions(node), "")],
    run: (fn, [template, forEach], node) => repeat(fn, template, forEach, repeatOptions(node)),
  },
};

/** The names the generated program imports for the functions it calls at run time. */
export const RUNTIME_FUNCTION_NAMES: readonly string[] = [...new Set(Object.values(RUNTIME_FUNCTIONS).map((f) => f.name))];

/**
 * A call of heatshift's implementation of the function: computed while converting when every
 * argument is a literal, a plain call when no argument holds an Output, else inside `.apply`.
 */
function runtimeCall(node: FunctionNode, fn: RuntimeFunction, scope: ExpressionScope, indent: string): Expr {
  const { file, path } = node.location;
  const parts = fn.split(node.args, node).map((p) => ({ ...p, expr: snippetExpr(p.value, scope, file, [...path, ...p.at], indent) }));
  if (parts.every((p) => p.expr.literal)) {
    try {
      return literalExpr(fn.run(node.fnName, parts.map((p) => p.expr.literal!.value), node), indent);
    } catch {
      // Heat's error then comes from the program when it runs, as from Heat when it evaluates.
    }
  }
  scope.importName(PROGRAM_MODULE, fn.name);
  const call = (args: readonly string[], at = indent) => callCode(fn.name, [...args, ...(fn.trailing?.(node) ?? [])], at);
  const refs = union(parts.map((p) => p.expr));
  if (!parts.some((p) => carriesOutput(p.expr))) return { code: call(parts.map((p) => bare(p.expr))), output: false, refs };
  const names = parts.map((p) => p.name);
  if (parts.length === 1) return appliedExpr(`pulumi.output(${parts[0].expr.code})`, names[0], call(names), refs);
  return appliedExpr(`pulumi.all([${parts.map((p) => p.expr.code).join(", ")}])`, `[${names.join(", ")}]`, call(names), refs);
}

function bindingResult(result: Expr | string, unsupported: (why: string) => Expr): Expr {
  return typeof result === "string" ? unsupported(result) : result;
}

/** Parts of a string: literal text and expressions, joined as a template literal or `pulumi.interpolate`. */
function interpolation(parts: readonly (string | Expr)[]): Expr {
  const exprs = parts.filter((p): p is Expr => typeof p !== "string");
  const body = parts.map((p) => (typeof p === "string" ? escapeTemplateText(p) : `\${${p.code}}`)).join("");
  const output = exprs.some((e) => e.output);
  return { code: `${output ? "pulumi.interpolate" : ""}\`${body}\``, output, refs: union(exprs) };
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null) return "";
  return undefined;
}

function strReplaceExpr(node: FunctionNode, scope: ExpressionScope, indent: string, unsupported: (why: string) => Expr): Expr {
  const { template, params } = node.args as { template: Snippet; params: Snippet };
  if (typeof template !== "string") return unsupported("a template computed by a function has no TypeScript form");
  if (params === null || typeof params !== "object" || Array.isArray(params) || params instanceof FunctionNode) {
    return unsupported("params computed by a function have no TypeScript form");
  }
  // Heat's own algorithm decides where each key is replaced: run it with markers, then split on them.
  const keys = Object.keys(params);
  const markers = Object.fromEntries(keys.map((k, i) => [k, `\u0000${i}\u0000`]));
  const marked = strReplace(template, markers, { jsonValues: false });
  const values = keys.map((k) => snippetExpr(params[k], scope, node.location.file, [...node.location.path, "params", k], indent));
  const parts: (string | Expr)[] = [];
  marked.split(/\u0000(\d+)\u0000/).forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece !== "") parts.push(piece);
      return;
    }
    const value = values[Number(piece)];
    const text = value.literal ? scalarText(value.literal.value) : undefined;
    if (value.literal && text === undefined) parts.push(plainExpr(`JSON.stringify(${value.code})`));
    else parts.push(text ?? value);
  });
  return interpolation(parts);
}

/** `map_merge: [a, b, ...]` → `{ ...a, key: value, ...b }` (later keys win, as in Heat); `Object.assign` once a whole map is an Output. */
function mapMergeExpr(node: FunctionNode, maps: readonly Snippet[], scope: ExpressionScope, indent: string): Expr {
  const { file, path } = node.location;
  const parts = maps.map((part, i) => ({ part, expr: snippetExpr(part, scope, file, [...path, i], `${indent}  `) }));
  const refs = union(parts.map((p) => p.expr));
  if (parts.some((p) => p.expr.output)) {
    return { code: `pulumi.all([${parts.map((p) => p.expr.code).join(", ")}]).apply((maps) => Object.assign({}, ...maps))`, output: true, refs };
  }
  const entries: [string, string][] = [];
  parts.forEach(({ part, expr }, i) => {
    if (part !== null && typeof part === "object" && !Array.isArray(part) && !(part instanceof FunctionNode)) {
      Object.entries(part).forEach(([key, value]) => entries.push([key, snippetExpr(value, scope, file, [...path, i, key], `${indent}  `).code]));
    } else entries.push(["", `...${/^[\w$.]+$/.test(expr.code) ? expr.code : `(${expr.code})`}`]);
  });
  return { code: objectCode(entries, indent), output: false, refs };
}

function listJoinExpr(node: FunctionNode, scope: ExpressionScope, indent: string, unsupported: (why: string) => Expr): Expr {
  const [delimiter, list, ...more] = node.args as Snippet[];
  if (typeof delimiter !== "string" || more.length > 0) return unsupported("only list_join with a literal delimiter and one list has a TypeScript form");
  const at = [...node.location.path, 1];
  if (Array.isArray(list)) {
    const items = list.map((item, i) => snippetExpr(item, scope, node.location.file, [...at, i], indent));
    const parts: (string | Expr)[] = [];
    items.forEach((item, i) => {
      if (i > 0) parts.push(delimiter);
      const text = item.literal ? scalarText(item.literal.value) : undefined;
      parts.push(text ?? item);
    });
    return interpolation(parts);
  }
  const whole = snippetExpr(list, scope, node.location.file, at, indent);
  const join = `.join(${JSON.stringify(delimiter)})`;
  return whole.output ? { ...whole, code: `${whole.code}.apply((items) => items${join})`, literal: undefined } : { ...whole, code: `${whole.code}${join}`, literal: undefined };
}

/** Indents each line of code that does not start inside a multi-line template literal (whose text must not change). */
export function indentCode(code: string, indent: string): string {
  const lines = code.split("\n");
  // Nesting of template literals and `${...}` placeholders, scanned character by character.
  const stack: ("template" | "placeholder")[] = [];
  let quote: string | undefined;
  const out: string[] = [];
  for (const line of lines) {
    const inTemplate = stack[stack.length - 1] === "template";
    out.push(inTemplate || line === "" ? line : `${indent}${line}`);
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      const top = stack[stack.length - 1];
      if (ch === "\\") {
        c++;
        continue;
      }
      if (top === "template") {
        if (ch === "`") stack.pop();
        else if (ch === "$" && line[c + 1] === "{") {
          stack.push("placeholder");
          c++;
        }
        continue;
      }
      if (quote !== undefined) {
        if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "`") stack.push("template");
      else if (ch === "}" && top === "placeholder") stack.pop();
      else if (ch === "/" && line[c + 1] === "/") break;
    }
    quote = undefined;
  }
  return out.join("\n");
}
