/**
 * `heatshift convert TEMPLATE [-e ENV]... --out DIR [--allow-unsupported] [--report]`: writes a
 * Pulumi TypeScript project for the template. Problems are printed as `FILE:LINE:COL: error: ...`;
 * exit 0 when the project is written, 1 when the template is invalid or uses a construct with no
 * TypeScript form (without --allow-unsupported), 2 for usage errors.
 */
import * as fs from "fs";
import * as path from "path";
import { convertTemplate } from "../convert/emit";
import { heatshiftDependency, projectFiles, projectName } from "../convert/project";
import { UsageError } from "./command";
import { CommandIo, parseOrUsage, parseTemplateArgs, printProblems, processIo, TemplateArgs } from "./templateArgs";

export const convertUsage = "usage: heatshift convert TEMPLATE [-e ENV]... --out DIR [--allow-unsupported] [--report] [--heatshift SPEC]";

/** Runs the command; returns the exit code. */
export function convertCommand(args: readonly string[], io: CommandIo = processIo): number {
  const given = parseOrUsage("convert", convertUsage, io, () => parseConvertArgs(args));
  if (given === undefined) return 2;
  const { parsed, outDir, heatshift } = given;
  const result = convertTemplate({
    templateFile: parsed.template,
    environmentFiles: parsed.environmentFiles,
    allowUnsupported: parsed.flags.has("--allow-unsupported"),
  });
  printProblems(result.problems, io.err);
  if (parsed.flags.has("--report")) result.coverage.table().forEach((line) => io.out(line));
  if (result.program === undefined) return 1;
  const files = projectFiles({
    name: projectName(parsed.template),
    description: result.description,
    heatshift: heatshift ?? heatshiftDependency(outDir),
    program: result.program,
  });
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), text);
  io.err(`heatshift convert: wrote ${Object.keys(files).join(", ")} to ${outDir}`);
  return 0;
}

/** TEMPLATE [-e ENV]... plus --out DIR and --heatshift SPEC. */
function parseConvertArgs(args: readonly string[]): { parsed: TemplateArgs; outDir: string; heatshift: string | undefined } {
  let outDir: string | undefined;
  let heatshift: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out" || args[i] === "--heatshift") {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("-")) throw new UsageError(`${args[i]} needs a value`);
      if (args[i] === "--out") outDir = value;
      else heatshift = value;
      i++;
    } else rest.push(args[i]);
  }
  const parsed = parseTemplateArgs(rest, ["--allow-unsupported", "--report"]);
  if (outDir === undefined) throw new UsageError("missing --out DIR");
  if (Object.keys(parsed.parameters).length > 0) throw new UsageError("-P is not taken by convert: parameters become stack config (pulumi config set)");
  return { parsed, outDir, heatshift };
}
