import { createConditionBoolean } from "./condition_boolean";
import { FunctionDefinition } from "./types";

/** `or: [c1, c2, ...]`: true when any condition is. */
export const or: FunctionDefinition = {
  heatClass: "Or",
  create: (call) => createConditionBoolean(call, false),
};
