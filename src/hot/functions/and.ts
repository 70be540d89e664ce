import { createConditionBoolean } from "./condition_boolean";
import { FunctionDefinition } from "./types";

/** `and: [c1, c2, ...]`: true when every condition is. */
export const and: FunctionDefinition = {
  heatClass: "And",
  create: (call) => createConditionBoolean(call, true),
};
