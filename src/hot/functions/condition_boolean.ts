import { conditionValue } from "./condition_operand";
import { evaluateWith } from "./evaluate";
import { argumentError, FunctionCall, FunctionContext, FunctionNode, NodeLocation, Snippet } from "./types";

/**
 * `and`/`or` (condition functions): at least two operands, each a condition name, a bool or a
 * nested condition function. All operands are evaluated first; the names are then looked up with
 * short-circuit, as Heat's `all`/`any` over `is_enabled` does (so an unknown name after the
 * deciding operand goes unnoticed, in Heat too).
 */
export class ConditionBooleanNode extends FunctionNode {
  constructor(
    fnName: string,
    args: Snippet,
    location: NodeLocation,
    private readonly all: boolean,
  ) {
    super(fnName, args, location);
  }

  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (operands) => {
      const values = operands as unknown[];
      return this.all
        ? values.every((operand) => conditionValue(operand, ctx))
        : values.some((operand) => conditionValue(operand, ctx));
    });
  }
}

/** Builds an `and` or `or` node after Heat's argument checks. */
export function createConditionBoolean(call: FunctionCall, all: boolean): ConditionBooleanNode {
  if (!Array.isArray(call.args)) {
    throw argumentError(call, `Arguments to "${call.fnName}" must be a list of conditions`);
  }
  if (call.args.length < 2) {
    throw argumentError(call, `The minimum number of condition arguments to "${call.fnName}" is 2.`);
  }
  return new ConditionBooleanNode(call.fnName, call.args, call.location, all);
}
