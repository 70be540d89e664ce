/**
 * What the template commands (validate, plan, convert, adopt) share: the arguments
 * `TEMPLATE [-e ENV]... [-P "k=v;k=v"]...`, parsed as heatclient parses them (heatclient
 * `format_parameters`), how a usage error is printed, and how problems are printed.
 */
import { formatDiagnostic, HotError, positionOf } from "../hot/diagnostics";
import { parseCliParameters } from "../hot/parameters";
import { loadStack, LoadResult } from "../import/load";
import { UsageError } from "./command";

/** Parsed template arguments. */
export interface TemplateArgs {
  readonly template: string;
  readonly environmentFiles: readonly string[];
  readonly parameters: Readonly<Record<string, string | string[]>>;
  /** Flags the command accepts besides -e/-P, as given. */
  readonly flags: ReadonlySet<string>;
}

/** Parses the arguments; `flags` are the boolean options the command knows (e.g. `--json`). */
export function parseTemplateArgs(args: readonly string[], flags: readonly string[]): TemplateArgs {
  const environmentFiles: string[] = [];
  const parameterOptions: string[] = [];
  const given = new Set<string>();
  let template: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "-e" || arg === "--environment") environmentFiles.push(value());
    else if (arg === "-P" || arg === "--parameter") parameterOptions.push(value());
    else if (arg.startsWith("--parameter=")) parameterOptions.push(arg.slice("--parameter=".length));
    else if (flags.includes(arg)) given.add(arg);
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else if (template === undefined) template = arg;
    else throw new UsageError(`one template only (got ${template} and ${arg})`);
  }
  if (template === undefined) throw new UsageError("missing TEMPLATE");
  let parameters: Record<string, string | string[]> = {};
  if (parameterOptions.length > 0) {
    try {
      parameters = parseCliParameters(parameterOptions);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return { template, environmentFiles, parameters, flags: given };
}

/** Where commands print. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

/** Standard output and error. */
export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs `parse`; a usage error is printed as `heatshift COMMAND: message` plus the usage and gives
 * undefined (the command then exits 2). The commands are also called directly (tests, embedding),
 * so they print usage errors themselves instead of leaving them to main.
 */
export function parseOrUsage<T>(command: string, usage: string, io: CommandIo, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`heatshift ${command}: ${error.message}`);
    io.err(usage);
    return undefined;
  }
}

/** Loads the template of parsed arguments with its environment files and -P values. */
export function loadTemplateArgs(parsed: TemplateArgs, strict: boolean): LoadResult {
  return loadStack({ templateFile: parsed.template, environmentFiles: parsed.environmentFiles, parameters: parsed.parameters, strict });
}

/** Prints problems one `FILE:LINE:COL: error: ...` line each, in reading order. */
export function printProblems(problems: readonly HotError[], print: (line: string) => void): void {
  sortByPosition(problems).forEach((p) => print(formatDiagnostic(p)));
}

/** Problems in file order, then line and column (problems are found section by section, not in reading order). */
function sortByPosition(problems: readonly HotError[]): HotError[] {
  const keyed = problems.map((problem, index) => ({ problem, index, at: positionOf(problem) }));
  keyed.sort((a, b) => {
    if (a.problem.file !== b.problem.file) return a.index - b.index;
    const [la, ca] = [a.at?.line ?? 0, a.at?.col ?? 0];
    const [lb, cb] = [b.at?.line ?? 0, b.at?.col ?? 0];
    return la - lb || ca - cb || a.index - b.index;
  });
  return keyed.map((k) => k.problem);
}
