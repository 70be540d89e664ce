import { NodePath } from "../hot/diagnostics";
import { FunctionNode, Snippet } from "../hot/functions/types";

/** An `if` call with both branches kept: `args` is `[condition, value_if_true, value_if_false]` (the last one OMIT-like `undefined` for a 2-argument `if`). */
export class ConditionalValue extends FunctionNode {
  constructor(
    /** The condition: a name, a bool, or an inline condition function (resolved as a condition). */
    readonly condition: Snippet,
    readonly whenTrue: Snippet,
    /** `undefined`: the enclosing list item or map entry is left out (2021-04-16's 2-argument `if`). */
    readonly whenFalse: Snippet | undefined,
    file: string,
    path: NodePath,
  ) {
    super("if", [condition, whenTrue, whenFalse ?? null], { file, path });
  }

  evaluate(): unknown {
    // The converter writes both branches as code; nothing evaluates them offline.
    throw new Error("a converted if is written as a ternary, never evaluated");
  }
}
