import { FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/** `Fn::GetAZs: region` (2013-05-23): the availability zones; the region is ignored, as in Heat. */
export class GetAZsNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return ctx.availabilityZones?.() ?? ["nova"];
  }
}

export const cfnGetAZs: FunctionDefinition = {
  heatClass: "cfn.GetAZs",
  create: (call) => new GetAZsNode(call.fnName, call.args, call.location),
};
