/**
 * The error a function's pure evaluation throws. It carries Heat's message but no location: the
 * function node that called the evaluation knows the node path and turns it into a `HotError`.
 */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FunctionError";
  }
}
