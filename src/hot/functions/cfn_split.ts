import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { describeType } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** `Fn::Split: [delimiter, string]` (2013-05-23): the list of parts. The delimiter must be a literal string. */
export class SplitNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [delimiter, text] = args as unknown[];
      if (typeof (this.args as unknown[])[0] !== "string" || typeof delimiter !== "string") {
        throw new FunctionError(`Delimiter for ${this.fnName} must be string`);
      }
      if (typeof text !== "string") {
        throw new FunctionError(`String to split must be string; got <class '${describeType(text)}'>`);
      }
      if (delimiter === "") {
        throw new FunctionError("empty separator");
      }
      return text.split(delimiter);
    });
  }
}

export const cfnSplit: FunctionDefinition = {
  heatClass: "cfn.Split",
  create(call) {
    const example = `"${call.fnName}" : [ ",", "str1,str2"]]`;
    if (!Array.isArray(call.args) || call.args.length !== 2) {
      throw argumentError(call, `Incorrect arguments to "${call.fnName}" should be: ${example}`);
    }
    return new SplitNode(call.fnName, call.args, call.location);
  },
};
