import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { describeType, isMap, pythonIndex, pythonInt } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** Python's `str.split(delimiter)`; `null` splits on runs of whitespace, as Python's `split(None)` does. */
function pythonSplit(text: string, delimiter: unknown): string[] {
  if (delimiter === null) {
    const trimmed = text.trim();
    return trimmed === "" ? [] : trimmed.split(/\s+/);
  }
  if (typeof delimiter !== "string") {
    throw new FunctionError(`must be str or None, not ${describeType(delimiter)}`);
  }
  if (delimiter === "") {
    throw new FunctionError("empty separator");
  }
  return text.split(delimiter);
}

/** Heat's StrSplit on plain arguments: `[delimiter, string]` gives the list, `[delimiter, string, index]` one item. */
export function strSplit(fnName: string, args: unknown): unknown {
  const example = `"${fnName}" : [ ",", "apples,pears", <index>]`;
  if (!Array.isArray(args) || args.length < 2) {
    throw new FunctionError(`Incorrect arguments to "${fnName}" should be: ${example}`);
  }
  const [delimiter, text, ...rest] = args as unknown[];
  if (text === null) {
    return null;
  }
  if (typeof text !== "string") {
    throw new FunctionError(`'${describeType(text)}' object has no attribute 'split'`);
  }
  const parts = pythonSplit(text, delimiter);
  if (rest.length === 0) {
    return parts;
  }
  const index = pythonInt(rest[0]);
  if (index === undefined) {
    throw new FunctionError(`Incorrect index to "${fnName}" should be: ${example}`);
  }
  const item = pythonIndex(parts, index);
  if (item === undefined) {
    throw new FunctionError(`Incorrect index to "${fnName}" should be between 0 and ${parts.length - 1}`);
  }
  return item;
}

/** `str_split: [delimiter, string, index?]` (from 2015-10-15). */
export class StrSplitNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => strSplit(this.fnName, args));
  }
}

export const strSplitDefinition: FunctionDefinition = {
  heatClass: "StrSplit",
  create(call) {
    if (typeof call.args === "string" || isMap(call.args)) {
      throw argumentError(call, `Incorrect arguments to "${call.fnName}" should be: "${call.fnName}" : [ ",", "apples,pears", <index>]`);
    }
    return new StrSplitNode(call.fnName, call.args, call.location);
  },
};
