import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** `Fn::Base64: string` (2013-05-23): Heat returns the string unchanged (it takes user_data as plain text). */
export class Base64Node extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (text) => {
      if (typeof text !== "string") {
        throw new FunctionError(`"${this.fnName}" argument must be a string`);
      }
      return text;
    });
  }
}

export const cfnBase64: FunctionDefinition = {
  heatClass: "cfn.Base64",
  create: (call) => new Base64Node(call.fnName, call.args, call.location),
};
