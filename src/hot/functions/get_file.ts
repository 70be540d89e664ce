import { HotError } from "../diagnostics";
import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { FunctionContext, FunctionDefinition, FunctionNode, ReferenceChecker } from "./types";

/** `get_file: path` (Heat's GetFile): the content of a file of the template's `files`. */
export class GetFileNode extends FunctionNode {
  /** Heat's client reads every literal get_file when the stack is sent and refuses it when one cannot be read. */
  validate(checker: ReferenceChecker, problems: HotError[]): void {
    super.validate(checker, problems);
    const problem = typeof this.args === "string" ? checker.checkFile?.(this.args) : undefined;
    if (problem !== undefined) problems.push(this.error(`get_file: cannot read ${this.args}: ${problem} (Heat's client refuses the template too)`));
  }

  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (name) => {
      if (typeof name !== "string") {
        throw new FunctionError(`Argument to "${this.fnName}" must be a string`);
      }
      const content = ctx.getFile(name);
      if (content === undefined) {
        throw new FunctionError(`No content found in the "files" section for ${this.fnName} path: ${name}`);
      }
      return content;
    });
  }
}

export const getFile: FunctionDefinition = {
  heatClass: "GetFile",
  create: (call) => new GetFileNode(call.fnName, call.args, call.location),
};
