import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { pythonEquals, pythonTruthy } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** Heat's Filter on plain arguments: the items of `sequence` not equal (Python `==`) to any of `values`. */
export function filter(fnName: string, values: unknown, sequence: unknown): unknown {
  if (!pythonTruthy(sequence)) {
    return sequence;
  }
  if (!Array.isArray(sequence)) {
    throw new FunctionError(`"${fnName}" only works with lists`);
  }
  if (!pythonTruthy(values)) {
    return sequence;
  }
  if (!Array.isArray(values)) {
    // Heat's own message has a formatting bug here ("format requires a mapping"); this is what it meant.
    throw new FunctionError(`"${fnName}" filters a list of values`);
  }
  return sequence.filter((item) => !values.some((value) => pythonEquals(value, item)));
}

/** `filter: [values, list]` (from 2017-02-24). */
export class FilterNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [values, sequence] = args as unknown[];
      return filter(this.fnName, values, sequence);
    });
  }
}

export const filterDefinition: FunctionDefinition = {
  heatClass: "Filter",
  create(call) {
    if (!Array.isArray(call.args)) {
      throw argumentError(call, `Argument to "${call.fnName}" must be a list`);
    }
    if (call.args.length !== 2) {
      throw argumentError(
        call,
        `"${call.fnName}" expected 2 arguments of the form [values, sequence] but got ${call.args.length} arguments instead`,
      );
    }
    return new FilterNode(call.fnName, call.args, call.location);
  },
};
