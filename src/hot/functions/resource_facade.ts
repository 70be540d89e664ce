import { FunctionError } from "./errors";
import { located } from "./evaluate";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode, NodeLocation } from "./types";

type FacadeKind = "metadata" | "deletion_policy" | "update_policy";

/**
 * `resource_facade: metadata | deletion_policy | update_policy` (and 2013's
 * `Fn::ResourceFacade: Metadata | DeletionPolicy | UpdatePolicy`): data of the parent resource,
 * in a template used as a resource type.
 */
export class ResourceFacadeNode extends FunctionNode {
  constructor(
    fnName: string,
    location: NodeLocation,
    private readonly kind: FacadeKind,
  ) {
    super(fnName, kind, location);
  }

  evaluate(ctx: FunctionContext): unknown {
    return located(this, () => {
      const value = ctx.resourceFacade(this.kind);
      if (value === undefined) {
        throw new FunctionError(
          `"${this.fnName}" reads the parent resource of a template used as a resource type, but this template is not used as one`,
        );
      }
      return value;
    });
  }
}

function definition(heatClass: string, spellings: Readonly<Record<string, FacadeKind>>): FunctionDefinition {
  return {
    heatClass,
    create(call) {
      const kind = typeof call.args === "string" ? spellings[call.args] : undefined;
      if (kind === undefined) {
        throw argumentError(call, `Incorrect arguments to "${call.fnName}" should be one of: ${Object.keys(spellings).join(", ")}`);
      }
      return new ResourceFacadeNode(call.fnName, call.location, kind);
    },
  };
}

export const resourceFacade = definition("ResourceFacade", {
  metadata: "metadata",
  deletion_policy: "deletion_policy",
  update_policy: "update_policy",
});

export const cfnResourceFacade = definition("cfn.ResourceFacade", {
  Metadata: "metadata",
  DeletionPolicy: "deletion_policy",
  UpdatePolicy: "update_policy",
});
