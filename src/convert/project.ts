/**
 * The files of a generated Pulumi project: Pulumi.yaml, package.json, tsconfig.json and the
 * program (index.ts). The program imports heatshift's components as the `heatshift` package,
 * which package.json takes from this repository by a `file:` path (heatshift is not published).
 */
import * as fs from "fs";
import * as path from "path";
import { camelCase } from "./identifiers";

/**
 * The SDKs generated programs use: the ones heatshift itself is built with, read from its
 * package.json, so the program and the components share one @pulumi/pulumi. A `file:` SDK of
 * heatshift (its generated @pulumi/openstack) is taken from inside the heatshift package.
 */
export function projectDependencies(heatshift: string, repository = path.resolve(__dirname, "..", "..")): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repository, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const result: Record<string, string> = {};
  for (const name of ["@pulumi/openstack", "@pulumi/pulumi"]) {
    const spec = manifest.dependencies[name];
    result[name] = spec.startsWith("file:") && heatshift.startsWith("file:") ? `${heatshift}/${spec.slice("file:".length)}` : spec;
  }
  return result;
}

/** What the project needs besides the program. */
export interface ProjectOptions {
  /** The Pulumi project name, e.g. `heat-2d`. */
  readonly name: string;
  /** The template's description. @default - none */
  readonly description?: string;
  /** The `heatshift` dependency as npm writes it, e.g. `file:../heatshift`. */
  readonly heatshift: string;
  /** The program. */
  readonly program: string;
}

/** `heat_2d.yaml` → `heat-2d`: a Pulumi project name (letters, digits, `-`, `_`, `.`). */
export function projectName(templateFile: string): string {
  const base = path.basename(templateFile).replace(/\.(ya?ml|template|json)$/i, "");
  const name = base.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/_/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return name === "" ? camelCase(base) || "converted" : name;
}

/** The `heatshift` dependency for a project written to `outDir`: this repository by a relative `file:` path. */
export function heatshiftDependency(outDir: string, repository = path.resolve(__dirname, "..", "..")): string {
  const relative = path.relative(path.resolve(outDir), repository).split(path.sep).join("/");
  return `file:${relative === "" ? "." : relative}`;
}

/** The files of the project, by name. */
export function projectFiles(options: ProjectOptions): Record<string, string> {
  const description = options.description?.trim().split("\n")[0];
  const pulumiYaml = [
    `name: ${options.name}`,
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: true",
    ...(description ? [`description: ${JSON.stringify(description)}`] : []),
    "",
  ].join("\n");
  const packageJson = {
    name: options.name,
    private: true,
    main: "index.ts",
    dependencies: { ...projectDependencies(options.heatshift), heatshift: options.heatshift },
    devDependencies: { "@types/node": "20.19.43", typescript: "5.9.3" },
  };
  const tsconfig = {
    compilerOptions: {
      strict: true,
      target: "es2022",
      module: "commonjs",
      moduleResolution: "node",
      esModuleInterop: true,
      skipLibCheck: true,
      outDir: "bin",
    },
    files: ["index.ts"],
  };
  return {
    "Pulumi.yaml": pulumiYaml,
    "package.json": `${JSON.stringify(packageJson, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(tsconfig, null, 2)}\n`,
    "index.ts": options.program,
  };
}
