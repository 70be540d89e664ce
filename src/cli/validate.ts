/**
 * `heatshift validate TEMPLATE [-e ENV]... [-P "k=v;k=v"]... [--no-strict]`: every problem found
 * offline, one `FILE:LINE:COL: error: MESSAGE` line each. Exit 0 valid, 1 invalid, 2 usage error.
 * Strict by default: constructs accepted but not fully honoured are errors.
 */
import { loadStack } from "../import/load";
import { formatDiagnostic, HotError, positionOf } from "../hot/diagnostics";
import { UsageError } from "./command";
import { CommandIo, parseTemplateArgs, processIo } from "./templateArgs";

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
  const { stack, diagnostics } = loadStack({
    templateFile: parsed.template,
    environmentFiles: parsed.environmentFiles,
    parameters: parsed.parameters,
    strict: !parsed.flags.has("--no-strict"),
  });
  sortByPosition(diagnostics.problems).forEach((p) => io.out(formatDiagnostic(p)));
  if (!stack || diagnostics.hasErrors) return 1;
  return 0;
}

/** Problems in file order, then line and column (problems are found section by section, not in reading order). */
export function sortByPosition(problems: readonly HotError[]): HotError[] {
  const keyed = problems.map((problem, index) => ({ problem, index, at: positionOf(problem) }));
  keyed.sort((a, b) => {
    if (a.problem.file !== b.problem.file) return a.index - b.index;
    const [la, ca] = [a.at?.line ?? 0, a.at?.col ?? 0];
    const [lb, cb] = [b.at?.line ?? 0, b.at?.col ?? 0];
    return la - lb || ca - cb || a.index - b.index;
  });
  return keyed.map((k) => k.problem);
}
