/**
 * `heatshift <command> [options]`: finds the command, runs it, maps the outcome to an exit code
 * (0 success, 1 failure, 2 usage error) and prints errors as one message, never a stack trace.
 * Commands load lazily: `signal-receiver` must not pay for loading the Pulumi SDKs that
 * `validate` needs. To add a command: write src/cli/<name>.ts and add an entry to COMMANDS.
 */
import { CliCommand, UsageError } from "./command";

/** A command as the dispatcher knows it before loading it. */
interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): CliCommand;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: readonly CommandEntry[] = [
  {
    name: "validate",
    summary: "check a HOT template (and environment files) offline",
    load: () => {
      const { validateCommand, validateUsage } = require("./validate") as typeof import("./validate");
      return { name: "validate", summary: "", usage: validateUsage, run: async (args) => validateCommand(args) };
    },
  },
  {
    name: "plan",
    summary: "show the resources of a HOT template in dependency order",
    load: () => {
      const { planCommand, planUsage } = require("./plan") as typeof import("./plan");
      return { name: "plan", summary: "", usage: planUsage, run: async (args) => planCommand(args) };
    },
  },
  {
    name: "convert",
    summary: "write a Pulumi TypeScript program for a HOT template",
    load: () => {
      const { convertCommand, convertUsage } = require("./convert") as typeof import("./convert");
      return { name: "convert", summary: "", usage: convertUsage, run: async (args) => convertCommand(args) };
    },
  },
  {
    name: "adopt",
    summary: "write the pulumi import document that takes a live Heat stack over",
    load: () => {
      const { adoptCommand, adoptUsage } = require("./adopt") as typeof import("./adopt");
      return { name: "adopt", summary: "", usage: adoptUsage, run: async (args) => adoptCommand(args) };
    },
  },
  {
    name: "signal-receiver",
    summary: "run the signal receiver for WaitConditionHandle/WaitCondition",
    load: () => (require("./signalReceiver") as typeof import("./signalReceiver")).signalReceiverCommand,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ["usage: heatshift <command> [options]", "", "commands:", ...lines, "", "`heatshift <command> --help` shows a command's options."].join("\n");
}

/** Runs the CLI with `argv` (without node and the script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    process.stderr.write(`heatshift: unknown command ${JSON.stringify(name)}\n\n${overview()}\n`);
    return 2;
  }
  let command: CliCommand | undefined;
  try {
    command = entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`heatshift ${name}: ${error.message}\n\n${command?.usage ?? ""}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`heatshift ${name}: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`heatshift: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
