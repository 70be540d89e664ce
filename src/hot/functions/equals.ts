import { evaluateWith } from "./evaluate";
import { pythonEquals, pythonTruthy } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** `equals: [a, b]` (a condition function): Python `==`, so `1 == 1.0 == true` and `"1" != 1`. */
export class EqualsNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [a, b] = args as unknown[];
      return pythonEquals(a, b);
    });
  }
}

export const equals: FunctionDefinition = {
  heatClass: "Equals",
  create(call) {
    if (!pythonTruthy(call.args) || !Array.isArray(call.args) || call.args.length !== 2) {
      throw argumentError(call, `Arguments to "${call.fnName}" must be of the form: [value_1, value_2]`);
    }
    return new EqualsNode(call.fnName, call.args, call.location);
  },
};
