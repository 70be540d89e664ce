import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { describeType, pythonEquals, pythonTruthy } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** Python's `value in sequence`: equality on lists, a substring test on strings. */
export function contains(fnName: string, value: unknown, sequence: unknown): boolean {
  if (typeof sequence === "string") {
    if (typeof value !== "string") {
      throw new FunctionError(`'in <string>' requires string as left operand, not ${describeType(value)}`);
    }
    return sequence.includes(value);
  }
  if (!Array.isArray(sequence)) {
    throw new FunctionError(`Second argument to "${fnName}" should be a sequence.`);
  }
  return sequence.some((item) => pythonEquals(item, value));
}

/** `contains: [value, sequence]` (from 2017-09-01; also a condition function). */
export class ContainsNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [value, sequence] = args as unknown[];
      return contains(this.fnName, value, sequence);
    });
  }
}

export const containsDefinition: FunctionDefinition = {
  heatClass: "Contains",
  create(call) {
    if (!pythonTruthy(call.args) || !Array.isArray(call.args)) {
      throw argumentError(
        call,
        `Incorrect arguments to "${call.fnName}" should be: "${call.fnName}" : [ "value1", [ "value1", "value2"]]`,
      );
    }
    if (call.args.length !== 2) {
      throw argumentError(call, `Arguments to "${call.fnName}" must be of the form: [value1, [value1, value2]]`);
    }
    return new ContainsNode(call.fnName, call.args, call.location);
  },
};
