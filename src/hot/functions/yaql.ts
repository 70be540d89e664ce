import { argumentError, FunctionDefinition } from "./types";

/**
 * `yaql` (from 2016-10-14) evaluates a YAQL expression; heatshift has no YAQL interpreter, so a
 * call is an error wherever it would be evaluated (a call in an unselected `if` branch is fine).
 */
export const yaql: FunctionDefinition = {
  heatClass: "Yaql",
  create(call) {
    throw argumentError(
      call,
      `The function "${call.fnName}" is not supported by heatshift (it has no YAQL interpreter): ` +
        "compute the value with the other functions (map_merge, list_concat, filter, repeat...) or pass it as a parameter",
    );
  },
};
