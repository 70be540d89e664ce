import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { pythonEquals, pythonJsonDumps } from "./python";
import { FunctionContext, FunctionDefinition, FunctionNode, NodeLocation, Snippet } from "./types";

/** Heat's ListConcat(Unique) on plain arguments: the lists joined; null items count as `[]`. */
export function listConcat(fnName: string, lists: unknown, unique: boolean): unknown[] {
  if (!Array.isArray(lists)) {
    throw new FunctionError(
      `Incorrect arguments to "${fnName}" should be: "${fnName}" : [ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]`,
    );
  }
  const result: unknown[] = [];
  for (const list of lists) {
    if (list === null) {
      continue;
    }
    if (!Array.isArray(list)) {
      throw new FunctionError(
        `Incorrect arguments: Items to concat must be lists. ${pythonJsonDumps(lists, false)} contains an item that is not a list: ${pythonJsonDumps(list, false)}`,
      );
    }
    result.push(...list);
  }
  if (!unique) {
    return result;
  }
  // Python's `in` on a list: equality (1 == 1.0 == True, deep for lists and maps), first one kept.
  const kept: unknown[] = [];
  for (const item of result) {
    if (!kept.some((existing) => pythonEquals(existing, item))) {
      kept.push(item);
    }
  }
  return kept;
}

/** `list_concat` and `list_concat_unique` (from 2017-09-01). */
export class ListConcatNode extends FunctionNode {
  constructor(
    fnName: string,
    args: Snippet,
    location: NodeLocation,
    private readonly unique: boolean,
  ) {
    super(fnName, args, location);
  }

  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => listConcat(this.fnName, args, this.unique));
  }
}

export const listConcatDefinition: FunctionDefinition = {
  heatClass: "ListConcat",
  create: (call) => new ListConcatNode(call.fnName, call.args, call.location, false),
};

export const listConcatUniqueDefinition: FunctionDefinition = {
  heatClass: "ListConcatUnique",
  create: (call) => new ListConcatNode(call.fnName, call.args, call.location, true),
};
