import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

// Python's re.match: anchored at the start only, `.` stops at a newline.
const MEMBER = /^\.member\.([0-9]+)\.(.*)/;

/**
 * Heat's MemberListToMap on plain arguments: AWS query-style pairs
 * (`.member.N.<keyName>=k`, `.member.N.<valueName>=v`) become `{k: v}`.
 */
export function memberListToMap(keyName: string, valueName: string, members: unknown): Record<string, unknown> {
  const items = typeof members === "string" ? [...members] : members;
  if (!Array.isArray(items)) {
    throw new FunctionError("Member list must be a list");
  }
  const partials = new Map<string, string>();
  for (const item of items) {
    if (typeof item !== "string") {
      throw new FunctionError("Member list items must be strings");
    }
    const at = item.indexOf("=");
    if (at < 0) {
      throw new FunctionError(`Member list item "${item}" has no "="`);
    }
    partials.set(item.slice(0, at), item.slice(at + 1));
  }
  const byIndex = new Map<number, Map<string, string>>();
  for (const [name, value] of partials) {
    const match = MEMBER.exec(name);
    if (match) {
      const index = Number(match[1]);
      if (!byIndex.has(index)) {
        byIndex.set(index, new Map());
      }
      byIndex.get(index)!.set(match[2], value);
    }
  }
  const result: Record<string, unknown> = {};
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const member = byIndex.get(index)!;
    if (member.has(keyName) && member.has(valueName)) {
      result[member.get(keyName)!] = member.get(valueName);
    }
  }
  return result;
}

/** `Fn::MemberListToMap: [keyName, valueName, [members]]` (2013-05-23). */
export class MemberListToMapNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => {
      const [keyName, valueName, members] = args as [string, string, unknown];
      return memberListToMap(keyName, valueName, members);
    });
  }
}

export const cfnMemberListToMap: FunctionDefinition = {
  heatClass: "cfn.MemberListToMap",
  create(call) {
    const args = call.args;
    if (!Array.isArray(args) || args.length !== 3) {
      const correct = `{'${call.fnName}': ['Name', 'Value', ['.member.0.Name=key', '.member.0.Value=door']]}`;
      throw argumentError(call, `Wrong Arguments try: "${correct}"`);
    }
    if (typeof args[0] !== "string") {
      throw argumentError(call, `${call.fnName} Key Name must be a string`, 0);
    }
    if (typeof args[1] !== "string") {
      throw argumentError(call, `${call.fnName} Value Name must be a string`, 1);
    }
    return new MemberListToMapNode(call.fnName, args, call.location);
  },
};
