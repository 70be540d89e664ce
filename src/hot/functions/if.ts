import { OMIT, argumentError, FunctionCall, FunctionDefinition } from "./types";

/**
 * `if: [condition, value_if_true, value_if_false]`: a macro, as in Heat. The condition (a name, a
 * bool, or an inline condition function) is decided while the template is resolved, and only the
 * selected branch is resolved: the other one is never checked and adds no dependencies.
 * From 2021-04-16 (IfNullable) the third argument is optional; a false condition then removes the
 * enclosing list item or map entry ({@link OMIT}).
 */
function create(call: FunctionCall, nullable: boolean) {
  const raw = call.rawArgs;
  const lengthOk = Array.isArray(raw) && (raw.length === 3 || (nullable && raw.length === 2));
  if (!lengthOk) {
    throw argumentError(call, `Arguments to "${call.fnName}" must be of the form: [condition_name, value_if_true, value_if_false]`);
  }
  const path = call.location.path;
  const condition = call.resolveRaw(raw[0], [...path, 0], "condition");
  const selected = call.evaluateCondition(condition === OMIT ? null : condition, [...path, 0]) ? 1 : 2;
  if (selected === 2 && raw.length === 2) {
    return OMIT;
  }
  return call.resolveRaw(raw[selected], [...path, selected], "value");
}

export const ifDefinition: FunctionDefinition = {
  heatClass: "If",
  macro: true,
  create: (call) => create(call, false),
};

export const ifNullable: FunctionDefinition = {
  heatClass: "IfNullable",
  macro: true,
  create: (call) => create(call, true),
};
