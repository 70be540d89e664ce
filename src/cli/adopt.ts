/**
 * `heatshift adopt HEAT_JSON [--template TEMPLATE [-e ENV]...] [--id NAME=ID]... [--out FILE]`:
 * writes the `pulumi import --file` document that takes a live Heat stack's resources over under
 * the names `heatshift convert` gives them. HEAT_JSON is `openstack stack abandon` output, or
 * `openstack stack resource list -f json` output (then --template is required). Problems are
 * printed as `FILE:LINE:COL: error|warning: ...` (every resource not imported is a warning); exit 0
 * when the document is written, 1 when the input is bad, 2 for usage errors.
 */
import * as fs from "fs";
import * as path from "path";
import { adoptStack } from "../adopt/importDocument";
import { UsageError } from "./command";
import { CommandIo, parseOrUsage, parseTemplateArgs, printProblems, processIo } from "./templateArgs";

export const adoptUsage = [
  "usage: heatshift adopt HEAT_JSON [--template TEMPLATE [-e ENV]...] [--id NAME=ID]... [--out FILE]",
  "",
  "  HEAT_JSON           output of `openstack stack abandon STACK` (holds the template),",
  "                      or of `openstack stack resource list STACK -f json` (give --template)",
  "  --template FILE     the stack's template (as given to `heatshift convert`)",
  "  -e, --environment   its environment files, in order",
  "  --id NAME=ID        an import ID Heat does not keep (router interface port, security group rule),",
  "                      NAME as the warning names it; repeatable",
  "  --out FILE          where to write the document (default: standard output)",
  "",
  "then: pulumi import --file FILE (in the project `heatshift convert` wrote)",
].join("\n");

/** Runs the command; returns the exit code. */
export function adoptCommand(args: readonly string[], io: CommandIo = processIo): number {
  const given = parseOrUsage("adopt", adoptUsage, io, () => parseAdoptArgs(args));
  if (given === undefined) return 2;
  const { heatFile, templateFile, environmentFiles, outFile, ids } = given;
  const result = adoptStack({ heatFile, templateFile, environmentFiles, ids });
  printProblems(result.problems, io.err);
  if (result.document === undefined) return 1;
  const text = `${JSON.stringify(result.document, null, 2)}\n`;
  const imported = result.document.resources.filter((r) => r.component !== true).length;
  if (outFile === undefined) io.out(text.trimEnd());
  else {
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    fs.writeFileSync(outFile, text);
  }
  io.err(`heatshift adopt: ${imported} resource${imported === 1 ? "" : "s"} to import${outFile === undefined ? "" : `, written to ${outFile}`}; then run \`pulumi import --file ${outFile ?? "FILE"}\` in the converted project`);
  return 0;
}

/** The adopt command's arguments. */
interface AdoptArgs {
  readonly heatFile: string;
  readonly templateFile: string | undefined;
  readonly environmentFiles: readonly string[];
  readonly outFile: string | undefined;
  readonly ids: Readonly<Record<string, string>>;
}

function parseAdoptArgs(args: readonly string[]): AdoptArgs {
  let templateFile: string | undefined;
  let outFile: string | undefined;
  const ids: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--out" || arg === "--template" || arg === "--id") {
      const value = args[++i];
      if (value === undefined || value.startsWith("-")) throw new UsageError(`${arg} needs a value`);
      if (arg === "--out") outFile = value;
      else if (arg === "--template") templateFile = value;
      else {
        const match = /^([^=]+)=(.+)$/.exec(value);
        if (match === null) throw new UsageError(`--id ${value}: expected NAME=ID, e.g. --id private_network-router-interface=PORT_ID`);
        ids[match[1]] = match[2];
      }
    } else rest.push(arg);
  }
  // HEAT_JSON takes the template's place in the shared argument grammar (-e belongs to --template).
  let parsed;
  try {
    parsed = parseTemplateArgs(rest, []);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.message.replace("missing TEMPLATE", "missing HEAT_JSON").replace("one template only", "one HEAT_JSON only"));
  }
  if (Object.keys(parsed.parameters).length > 0) throw new UsageError("-P is not taken by adopt: parameter values are in the stack (abandon document) or the program's config");
  if (parsed.environmentFiles.length > 0 && templateFile === undefined) throw new UsageError("-e needs --template: an abandon document holds its own environment");
  return { heatFile: parsed.template, templateFile, environmentFiles: parsed.environmentFiles, outFile, ids };
}
