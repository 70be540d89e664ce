import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { isMap } from "./python";
import { FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** Heat's MapMerge on plain arguments: a shallow merge, left to right; null items count as `{}`. */
export function mapMerge(fnName: string, maps: unknown): Record<string, unknown> {
  // A string is a Python sequence too: its characters then fail the map check.
  const items = typeof maps === "string" ? [...maps] : maps;
  if (!Array.isArray(items)) {
    throw new FunctionError(
      `Incorrect arguments to "${fnName}" should be: "${fnName}" : [ { "key1": "val1" }, { "key2": "val2" } ]`,
    );
  }
  const result: Record<string, unknown> = {};
  for (const item of items) {
    if (item === null) {
      continue;
    }
    if (!isMap(item)) {
      throw new FunctionError("Incorrect arguments: Items to merge must be maps.");
    }
    Object.assign(result, item);
  }
  return result;
}

/** `map_merge: [map, ...]` (from 2016-04-08). */
export class MapMergeNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => mapMerge(this.fnName, args));
  }
}

export const mapMergeDefinition: FunctionDefinition = {
  heatClass: "MapMerge",
  create: (call) => new MapMergeNode(call.fnName, call.args, call.location),
};
