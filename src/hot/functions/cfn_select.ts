import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { isMap, pythonIndex, pythonInt } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/**
 * Heat's CFN Select on plain arguments: `[index, collection]`. An empty string or null collection
 * gives `""`, a string collection is parsed as JSON, a missing key or index gives `""`.
 */
export function select(fnName: string, index: unknown, collection: unknown): unknown {
  if (collection === "" || collection === null) {
    return "";
  }
  let value = collection;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new FunctionError(`"${fnName}": ${(error as Error).message}`);
    }
  }
  if (isMap(value)) {
    if (typeof index !== "string") {
      throw new FunctionError(`Index to "${fnName}" must be a string`);
    }
    return Object.prototype.hasOwnProperty.call(value, index) ? value[index] : "";
  }
  if (Array.isArray(value)) {
    const position = pythonInt(index);
    if (position === undefined) {
      throw new FunctionError(`Index to "${fnName}" must be an integer`);
    }
    const item = pythonIndex(value, position);
    return item === undefined ? "" : item;
  }
  if (value === null) {
    return "";
  }
  throw new FunctionError(`Arguments to ${fnName} not fully resolved`);
}

/** `Fn::Select: [index, collection]` (2013-05-23 to 2015-04-30). */
export class SelectNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [index, collection] = args as unknown[];
      return select(this.fnName, index, collection);
    });
  }
}

export const cfnSelect: FunctionDefinition = {
  heatClass: "cfn.Select",
  create(call) {
    if (!Array.isArray(call.args) || call.args.length !== 2) {
      throw argumentError(call, `Arguments to "${call.fnName}" must be of the form [index, collection]`);
    }
    return new SelectNode(call.fnName, call.args, call.location);
  },
};
