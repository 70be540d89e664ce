import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { compareCodePoints, describeType, isMap, pythonJsonDumps, pythonScalarStr } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode, NodeLocation, Snippet } from "./types";

/**
 * How str_replace renders values and which checks it makes. Heat has four variants:
 * - `Replace` (2013-05-23 … 2015-04-30, and CFN `Fn::Replace`): scalars only;
 * - `ReplaceJson` (str_replace from 2015-10-15): lists and maps become sorted-key JSON;
 * - `ReplaceJsonStrict` (str_replace_strict, from 2017-02-24): every param must occur in the template;
 * - `ReplaceJsonVeryStrict` (str_replace_vstrict, from 2017-09-01): and no param may be null or empty.
 */
export interface StrReplaceOptions {
  /** The function name used in error messages. @default "str_replace" */
  readonly fnName?: string;
  /** Serialise list and map values as JSON (false: they are an error). @default true */
  readonly jsonValues?: boolean;
  /** Every param key must occur in the template. @default false */
  readonly strict?: boolean;
  /** No param value may be null, `""` or an empty list/map (implies nothing about `strict`). @default false */
  readonly rejectEmpty?: boolean;
}

/**
 * Heat's str_replace on plain values.
 *
 * Keys are tried longest first, then in code-point order. The template is split on the first key,
 * each fragment is processed with the remaining keys, and the fragments are joined with the value:
 * so inserted values are never scanned again, and a key that only occurs inside a longer key's match
 * is not replaced. Values are rendered like Python's `str()` (`True`, `1.5`, `1e-05`), null as `""`,
 * lists and maps (from 2015-10-15) as `json.dumps(sort_keys=True)`.
 *
 * Throws a {@link FunctionError} with Heat's message when the arguments are invalid.
 */
export function strReplace(template: string, params: Record<string, unknown>, options: StrReplaceOptions = {}): string {
  return strReplaceValues(template, params, options);
}

/** {@link strReplace} on arguments of unknown type: the checks Heat makes at resolve time come first. */
export function strReplaceValues(template: unknown, params: unknown, options: StrReplaceOptions = {}): string {
  const fnName = options.fnName ?? "str_replace";
  if (typeof template !== "string") {
    throw new FunctionError(`"${fnName}" template must be a string`);
  }
  if (!isMap(params)) {
    throw new FunctionError(`"${fnName}" params must be a map`);
  }
  const keys = Object.keys(params).sort((a, b) => b.length - a.length || compareCodePoints(a, b));
  const found = new Set<string>();

  const replace = (strings: string[], index: number): string[] => {
    if (index === keys.length) {
      return strings;
    }
    const placeholder = keys[index];
    const value = renderValue(params[placeholder], placeholder, fnName, options);
    if (placeholder === "") {
      // Python's str.split("") raises; JS would split into characters.
      throw new FunctionError(`"${fnName}" param placeholders must not be empty (Python: empty separator)`);
    }
    return strings.map((text) => {
      const fragments = text.split(placeholder);
      if (fragments.length > 1) {
        found.add(placeholder);
      }
      return replace(fragments, index + 1).join(value);
    });
  };

  const result = replace([template], 0)[0];
  if (options.strict) {
    const missing = keys.filter((key) => !found.has(key));
    if (missing.length > 0) {
      throw new FunctionError(`The following params were not found in the template: ${missing.join(",")}`);
    }
  }
  return result;
}

function renderValue(value: unknown, param: string, fnName: string, options: StrReplaceOptions): string {
  const jsonValues = options.jsonValues ?? true;
  const emptyError = () =>
    new FunctionError(
      `${fnName} has an undefined or empty value for param ${param}, must be a defined non-empty value`,
    );
  if (value === null || value === undefined) {
    if (options.rejectEmpty) {
      throw emptyError();
    }
    return "";
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    const text = pythonScalarStr(value);
    if (options.rejectEmpty && text === "") {
      throw emptyError();
    }
    return text;
  }
  if (!jsonValues) {
    throw new FunctionError(`"${fnName}" params must be strings or numbers, param ${param} is not valid`);
  }
  if (Array.isArray(value) || isMap(value)) {
    if (options.rejectEmpty && (Array.isArray(value) ? value.length : Object.keys(value).length) === 0) {
      throw emptyError();
    }
    try {
      return pythonJsonDumps(value);
    } catch {
      throw new FunctionError(
        `"${fnName}" params must be strings, numbers, list or map. Failed to json serialize ${describeType(value)}`,
      );
    }
  }
  throw new FunctionError(`"${fnName}" params must be strings, numbers, list or map.`);
}

/** A str_replace call; `args` is normalised to `{template, params}` (Fn::Replace writes `[params, template]`). */
export class StrReplaceNode extends FunctionNode {
  constructor(
    fnName: string,
    args: Snippet,
    location: NodeLocation,
    private readonly options: StrReplaceOptions,
  ) {
    super(fnName, args, location);
  }

  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const { template, params } = args as { template: unknown; params: unknown };
      return strReplaceValues(template, params, this.options);
    });
  }
}

type Variant = Omit<StrReplaceOptions, "fnName"> & { readonly heatClass: string };

function hotDefinition(variant: Variant): FunctionDefinition {
  return {
    heatClass: variant.heatClass,
    create(call) {
      const args = call.args;
      if (!isMap(args)) {
        throw argumentError(call, `Arguments to "${call.fnName}" must be a map`);
      }
      if (!("params" in args) || !("template" in args)) {
        throw argumentError(
          call,
          `"${call.fnName}" syntax should be ${call.fnName}:\n  template: This is var1 template var2\n  params:\n    var1: a\n    var2: string`,
        );
      }
      const { params, template } = args;
      if (!isMap(params) && !(params instanceof FunctionNode)) {
        throw argumentError(call, `"${call.fnName}" parameters must be a mapping`, "params");
      }
      return new StrReplaceNode(call.fnName, { template, params }, call.location, { ...variant, fnName: call.fnName });
    },
  };
}

/** 2013-05-23 to 2015-04-30: scalar values only. */
export const replace = hotDefinition({ heatClass: "Replace", jsonValues: false });
/** From 2015-10-15: lists and maps as JSON. */
export const replaceJson = hotDefinition({ heatClass: "ReplaceJson", jsonValues: true });
/** str_replace_strict (from 2017-02-24). */
export const replaceJsonStrict = hotDefinition({ heatClass: "ReplaceJsonStrict", jsonValues: true, strict: true });
/** str_replace_vstrict (from 2017-09-01). */
export const replaceJsonVeryStrict = hotDefinition({
  heatClass: "ReplaceJsonVeryStrict",
  jsonValues: true,
  strict: true,
  rejectEmpty: true,
});

/** 2013-05-23's CFN form `Fn::Replace: [{placeholder: value}, template]`. */
export const cfnReplace: FunctionDefinition = {
  heatClass: "cfn.Replace",
  create(call) {
    const args = call.args;
    const example = `{"${call.fnName}": [ {"$var1": "foo", "%var2%": "bar"}, "$var1 is %var2%"]}`;
    if (!Array.isArray(args) || args.length !== 2) {
      throw argumentError(call, `Incorrect arguments to "${call.fnName}" should be: ${example}`);
    }
    const [params, template] = args;
    if (!isMap(params) && !(params instanceof FunctionNode)) {
      throw argumentError(call, `"${call.fnName}" parameters must be a mapping`, 0);
    }
    return new StrReplaceNode(call.fnName, { template, params }, call.location, { fnName: call.fnName, jsonValues: false });
  },
};
