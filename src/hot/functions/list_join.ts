import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { isMap, pythonJsonDumps, pythonRepr, pythonTruthy } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode, NodeLocation, Snippet } from "./types";

/**
 * Heat's Join (list_join up to 2015-04-30, and `Fn::Join`): `[delimiter, [strings]]`; items must
 * be strings (null counts as `""`).
 */
export function joinSingle(fnName: string, delimiter: unknown, strings: unknown): string {
  const list = strings ?? [];
  if (!Array.isArray(list)) {
    throw new FunctionError(`"${fnName}" must operate on a list`);
  }
  if (typeof delimiter !== "string") {
    throw new FunctionError(`"${fnName}" delimiter must be a string`);
  }
  return list
    .map((item) => {
      if (item === null) {
        return "";
      }
      if (typeof item !== "string") {
        throw new FunctionError(`Items to join must be strings not ${pythonRepr(item).slice(0, 200)}`);
      }
      return item;
    })
    .join(delimiter);
}

/**
 * Heat's JoinMultiple (list_join from 2015-10-15): `[delimiter, list1, list2, ...]`; empty or null
 * lists are skipped, list and map items become sorted-key JSON, numbers are an error.
 */
export function joinMultiple(fnName: string, delimiter: unknown, lists: readonly unknown[]): string {
  const strings: unknown[] = [];
  for (const list of lists) {
    if (!pythonTruthy(list)) {
      continue;
    }
    if (!Array.isArray(list)) {
      throw new FunctionError(`"${fnName}" must operate on a list`);
    }
    strings.push(...list);
  }
  if (typeof delimiter !== "string") {
    throw new FunctionError(`"${fnName}" delimiter must be a string`);
  }
  return strings
    .map((item) => {
      if (item === null) {
        return "";
      }
      if (typeof item === "string") {
        return item;
      }
      if (Array.isArray(item) || isMap(item)) {
        return pythonJsonDumps(item);
      }
      throw new FunctionError(`Items to join must be string, map or list not ${pythonRepr(item).slice(0, 200)}`);
    })
    .join(delimiter);
}

/** A list_join (or Fn::Join) call. */
export class ListJoinNode extends FunctionNode {
  constructor(
    fnName: string,
    args: Snippet,
    location: NodeLocation,
    private readonly multiple: boolean,
  ) {
    super(fnName, args, location);
  }

  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [delimiter, ...lists] = args as unknown[];
      return this.multiple ? joinMultiple(this.fnName, delimiter, lists) : joinSingle(this.fnName, delimiter, lists[0]);
    });
  }
}

/** Join: exactly `[delimiter, list]`. */
export const join: FunctionDefinition = {
  heatClass: "Join",
  create(call) {
    if (!Array.isArray(call.args) || call.args.length !== 2) {
      throw argumentError(call, `Incorrect arguments to "${call.fnName}" should be: "${call.fnName}" : [ " ", [ "str1", "str2"]]`);
    }
    return new ListJoinNode(call.fnName, call.args, call.location, false);
  },
};

/** JoinMultiple: `[delimiter, list, ...]` with at least one list. */
export const joinMultipleDefinition: FunctionDefinition = {
  heatClass: "JoinMultiple",
  create(call) {
    if (!Array.isArray(call.args) || call.args.length < 2) {
      throw argumentError(
        call,
        `Incorrect arguments to "${call.fnName}" should be: "${call.fnName}" : [ " ", [ "str1", "str2"] ...]`,
      );
    }
    return new ListJoinNode(call.fnName, call.args, call.location, true);
  },
};

/** 2013-05-23's `Fn::Join`: Heat's cfn Join, the same as the old list_join. */
export const cfnJoin: FunctionDefinition = { ...join, heatClass: "cfn.Join" };
