/**
 * `heatshift validate TEMPLATE [-e ENV]... [-P "k=v;k=v"]... [--no-strict]`: every problem found
 * offline, one `FILE:LINE:COL: error: MESSAGE` line each. Exit 0 valid, 1 invalid, 2 usage error.
 * Strict by default: constructs accepted but not fully honoured are errors.
 */
import { loadStack } from "../import/load";
import { formatDiagnostic } from "../hot/diagnostics";
import { CommandIo, parseTemplateArgs, processIo, UsageError } from "./templateArgs";

export const validateUsage = 'usage: heatshift validate TEMPLATE [-e ENV]... [-P "k1=v1;k2=v2"]... [--no-strict]';

/** Runs the command; returns the exit code. */
export function validateCommand(args: readonly string[], io: CommandIo = processIo): number {
  let parsed;
  try {
    parsed = parseTemplateArgs(args, ["--no-strict", "--strict"]);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`heatshift validate: ${error.message}`);
    io.err(validateUsage);
    return 2;
  }
  const stack = loadStack({
    templateFile: parsed.template,
    environmentFiles: parsed.environmentFiles,
    parameters: parsed.parameters,
    strict: !parsed.flags.has("--no-strict"),
  });
  const diagnostics = stack?.diagnostics;
  const problems = diagnostics?.problems ?? [];
  problems.forEach((p) => io.out(formatDiagnostic(p)));
  if (!stack || diagnostics!.hasErrors) return 1;
  return 0;
}
