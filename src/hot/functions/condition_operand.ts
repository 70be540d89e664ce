import { FunctionError } from "./errors";
import { pythonRepr } from "./python";
import { FunctionContext } from "./types";

/**
 * The truth of one operand of `not`/`and`/`or` (and of the first argument of `if`), after
 * resolution: a bool is itself, a string is the name of a condition (never a truthy literal),
 * null counts as true (Heat's `is_enabled(None)`), anything else is an invalid condition.
 */
export function conditionValue(operand: unknown, ctx: FunctionContext): boolean {
  if (typeof operand === "boolean") {
    return operand;
  }
  if (operand === null) {
    return true;
  }
  if (typeof operand === "string") {
    const value = ctx.condition(operand);
    if (value !== undefined) {
      return value;
    }
  }
  throw new FunctionError(`Invalid condition "${typeof operand === "string" ? operand : pythonRepr(operand)}"`);
}
