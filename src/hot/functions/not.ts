import { conditionValue } from "./condition_operand";
import { evaluateWith } from "./evaluate";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** `not: condition` (a condition function): a condition name, a bool or a nested condition function. */
export class NotNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (operand) => !conditionValue(operand, ctx));
  }
}

export const not: FunctionDefinition = {
  heatClass: "Not",
  create(call) {
    if (call.args === null) {
      throw argumentError(call, `Argument to "${call.fnName}" must be a condition`);
    }
    return new NotNode(call.fnName, call.args, call.location);
  },
};
