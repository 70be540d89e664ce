/**
 * The arguments `validate` and `plan` share: `TEMPLATE [-e ENV]... [-P "k=v;k=v"]...`, parsed as
 * heatclient parses them (heatclient `format_parameters`).
 */
import { parseCliParameters } from "../hot/parameters";
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
