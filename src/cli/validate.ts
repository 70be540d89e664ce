/**
 * `heatshift validate TEMPLATE [-e ENV]... [-P "k=v;k=v"]... [--no-strict]`: every problem found
 * offline, one `FILE:LINE:COL: error: MESSAGE` line each. Exit 0 valid, 1 invalid, 2 usage error.
 * Strict by default: constructs accepted but not fully honoured are errors.
 */
import { CommandIo, loadTemplateArgs, parseOrUsage, parseTemplateArgs, printProblems, processIo } from "./templateArgs";

export const validateUsage = 'usage: heatshift validate TEMPLATE [-e ENV]... [-P "k1=v1;k2=v2"]... [--no-strict]';

/** Runs the command; returns the exit code. */
export function validateCommand(args: readonly string[], io: CommandIo = processIo): number {
  const parsed = parseOrUsage("validate", validateUsage, io, () => parseTemplateArgs(args, ["--no-strict", "--strict"]));
  if (parsed === undefined) return 2;
  const { stack, diagnostics } = loadTemplateArgs(parsed, !parsed.flags.has("--no-strict"));
  printProblems(diagnostics.problems, io.out);
  return !stack || diagnostics.hasErrors ? 1 : 0;
}
