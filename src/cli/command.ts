/** What every `heatshift <command>` implements; main.ts only dispatches. */
export interface CliCommand {
  /** The word after `heatshift`. */
  readonly name: string;
  /** One line for `heatshift --help`. */
  readonly summary: string;
  /** Full usage text for `heatshift <name> --help`. */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves with the exit code. */
  run(args: string[]): Promise<number>;
}

/** Bad command-line usage: main prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A failure the user can act on: main prints the message only, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
