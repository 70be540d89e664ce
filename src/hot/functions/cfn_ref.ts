import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { GetResourceNode, invalidReference } from "./get_resource";
import { FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** 2013-05-23's `Ref: name` when `name` is not a resource: the parameter's value (Heat's ParamRef). */
export class ParamRefNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (name) => {
      const value = typeof name === "string" ? ctx.getParam(name) : undefined;
      if (value === undefined) {
        throw new FunctionError(invalidReference(name, this.location.path));
      }
      return value;
    });
  }
}

/**
 * `Ref: name` (2013-05-23): a resource's reference id when `name` is an enabled resource (decided
 * when the template is resolved, see `ResolveOptions.isResource`), else a parameter's value.
 */
export const cfnRef: FunctionDefinition = {
  heatClass: "cfn.Ref",
  create(call) {
    const isResource = typeof call.args === "string" && call.isResource !== undefined && call.isResource(call.args);
    return isResource
      ? new GetResourceNode(call.fnName, call.args, call.location)
      : new ParamRefNode(call.fnName, call.args, call.location);
  },
};
