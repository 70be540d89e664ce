import { FunctionError } from "./errors";
import { evaluateSnippet, located, whenKnown } from "./evaluate";
import { isMap, pythonIndex, pythonInt, pythonTruthy } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/**
 * `get_param: name` or `get_param: [name, key_or_index, ...]` (Heat's GetParam). A path that does
 * not lead anywhere gives `""`, as in Heat; on lists, string path components are read as integers.
 */
export class GetParamNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    const args = evaluateSnippet(this.args, ctx);
    return whenKnown(args, (plain) =>
      located(this, () => {
        const { name, path } = splitArguments(this.fnName, plain);
        const value = ctx.getParam(name);
        if (value === undefined) {
          throw new FunctionError(`The Parameter (${name}) was not provided.`);
        }
        return path.length === 0 ? value : whenKnown(value, (known) => selectFromParameter(known, path));
      }),
    );
  }
}

function splitArguments(fnName: string, args: unknown): { name: string; path: unknown[] } {
  if (!pythonTruthy(args)) {
    throw new FunctionError(`Function "${fnName}" must have arguments`);
  }
  let name: unknown;
  let path: unknown[] = [];
  if (typeof args === "string") {
    name = args;
  } else if (Array.isArray(args)) {
    [name, ...path] = args;
  } else {
    throw new FunctionError(`Argument to "${fnName}" must be string or list`);
  }
  if (typeof name !== "string") {
    throw new FunctionError(`Parameter name in "${fnName}" must be string`);
  }
  return { name, path };
}

/** Heat's path walk for get_param: any miss (missing key, bad index, wrong type) gives `""`. */
export function selectFromParameter(value: unknown, path: readonly unknown[]): unknown {
  let current = value;
  for (const key of path) {
    const isSequence = Array.isArray(current) || typeof current === "string";
    if (!isSequence && !isMap(current)) {
      return "";
    }
    if (typeof key !== "string" && !(typeof key === "number" && Number.isInteger(key)) && typeof key !== "boolean") {
      return "";
    }
    if (isSequence) {
      const index = pythonInt(key);
      if (index === undefined) {
        return "";
      }
      const item = pythonIndex(current as unknown[] | string, index);
      if (item === undefined) {
        return "";
      }
      current = item;
    } else {
      const map = current as Record<string, unknown>;
      // Parsed maps have string keys only: an int key never matches (Python KeyError).
      if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(map, key)) {
        return "";
      }
      current = map[key];
    }
  }
  return current;
}

export const getParam: FunctionDefinition = {
  heatClass: "GetParam",
  create(call) {
    const args = call.args;
    const dynamic = args instanceof FunctionNode || (Array.isArray(args) && args[0] instanceof FunctionNode);
    if (!dynamic) {
      // Heat finds these only when it resolves the call; literal arguments can be checked now.
      try {
        splitArguments(call.fnName, args);
      } catch (error) {
        throw error instanceof FunctionError ? argumentError(call, error.message) : error;
      }
    }
    return new GetParamNode(call.fnName, args, call.location);
  },
};
