/**
 * `heatshift plan TEMPLATE [-e ENV]... [-P ...] [--json]`: the resources in a dependency order
 * with their dependencies (explicit, get_resource/get_attr, Heat's hidden ones), the outputs, and
 * the parameter values (hidden ones as "[secret]"), without a cloud. Problems are printed as by
 * `validate` (not strict) on stderr; exit 0, 1 when the template is invalid, 2 for usage errors.
 */
import { planOf } from "../import/load";
import { CommandIo, loadTemplateArgs, parseOrUsage, parseTemplateArgs, printProblems, processIo } from "./templateArgs";

export const planUsage = 'usage: heatshift plan TEMPLATE [-e ENV]... [-P "k1=v1;k2=v2"]... [--json] [--strict]';

/** Runs the command; returns the exit code. */
export function planCommand(args: readonly string[], io: CommandIo = processIo): number {
  const parsed = parseOrUsage("plan", planUsage, io, () => parseTemplateArgs(args, ["--json", "--strict"]));
  if (parsed === undefined) return 2;
  const { stack, diagnostics } = loadTemplateArgs(parsed, parsed.flags.has("--strict"));
  printProblems(diagnostics.problems, io.err);
  if (!stack || diagnostics.hasErrors) return 1;
  const plan = planOf(stack);
  if (parsed.flags.has("--json")) {
    io.out(JSON.stringify(plan));
    return 0;
  }
  for (const r of plan.resources) {
    io.out(`${r.name} (${r.type})${r.dependsOn.length ? ` <- ${r.dependsOn.join(", ")}` : ""}`);
  }
  if (plan.outputs.length) io.out(`outputs: ${plan.outputs.join(", ")}`);
  return 0;
}
