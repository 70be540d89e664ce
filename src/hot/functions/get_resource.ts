import { HotError, NodePath } from "../diagnostics";
import { FunctionError } from "./errors";
import { evaluateSnippet, located, whenKnown } from "./evaluate";
import { pythonRepr } from "./python";
import { FunctionContext, FunctionDefinition, FunctionNode, ReferenceChecker, Snippet } from "./types";

/** Heat's InvalidTemplateReference text, with the dotted location Heat prints after "in". */
export function invalidReference(name: unknown, path: NodePath): string {
  const shown = typeof name === "string" ? name : pythonRepr(name);
  return `The specified reference "${shown}" (in ${path.join(".")}) is incorrect.`;
}

/**
 * The resource name a call refers to: the literal string, or (for `{get_param: x}` and the like)
 * its plain value under `ctx`; `undefined` when it cannot be known now.
 */
export function referencedName(snippet: Snippet, ctx?: FunctionContext): string | undefined {
  if (typeof snippet === "string") {
    return snippet;
  }
  if (snippet instanceof FunctionNode && ctx !== undefined) {
    const value = evaluateSnippet(snippet, ctx);
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

/** `get_resource: name` (Heat's GetResource): the resource's reference id, and a dependency on it. */
export class GetResourceNode extends FunctionNode {
  dependencies(into: Set<string>, ctx?: FunctionContext): void {
    super.dependencies(into, ctx);
    const name = referencedName(this.args, ctx);
    if (name !== undefined) {
      into.add(name);
    }
  }

  validate(checker: ReferenceChecker, problems: HotError[]): void {
    super.validate(checker, problems);
    if (typeof this.args === "string" && !checker.hasResource(this.args)) {
      problems.push(this.error(invalidReference(this.args, this.location.path)));
    }
  }

  evaluate(ctx: FunctionContext): unknown {
    return whenKnown(evaluateSnippet(this.args, ctx), (name) =>
      located(this, () => {
        const id = typeof name === "string" ? ctx.getResource(name) : undefined;
        if (id === undefined) {
          throw new FunctionError(invalidReference(name, this.location.path));
        }
        return id;
      }),
    );
  }
}

export const getResource: FunctionDefinition = {
  heatClass: "GetResource",
  create: (call) => new GetResourceNode(call.fnName, call.args, call.location),
};
