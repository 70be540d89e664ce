/**
 * The converter over the whole public corpus (../shared/hot-corpus): every template the importer
 * accepts (`loadStack` without errors, as in test/corpus.test.ts) is converted, and
 * - converts: its program and HotStack, run under the same mocks with the same parameter values
 *   (defaults, or test values made from the parameter's type and constraints), create the same
 *   cloud resources with the same inputs and waits, and export the same outputs ("equivalent");
 * - or stops with FILE:LINE:COL errors ("unsupported"), each listed.
 * How each template ends is a reviewed golden file (test/fixtures/convert/corpus.json; regenerate
 * with HEATSHIFT_UPDATE_GOLDEN=1 and review the diff), so any change of outcome fails the test.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "../components/mockCloud";
import { convertTemplate } from "../../src/convert/emit";
import { formatDiagnostic } from "../../src/hot/diagnostics";
import { ParameterDefinition } from "../../src/hot/parameters";
import { loadStack } from "../../src/import/load";
import { compareWithHotStack, strictCompile } from "./support";

const repo = path.resolve(__dirname, "..", "..");
const corpus = path.resolve(repo, "..", "shared", "hot-corpus");
const goldenFile = path.join(repo, "test", "fixtures", "convert", "corpus.json");
const workDir = path.join(repo, ".heatshift", "convert-corpus");

/** How one template ends. */
type Outcome = { readonly outcome: "equivalent"; readonly resources: number; readonly bothStopWith?: string } | { readonly outcome: "unsupported"; readonly errors: string[] } | { readonly outcome: "differs"; readonly differences: string[] };

/** A value for a parameter without a default, as stack config text: the first allowed value, or one of its type within its constraints. */
function testValue(def: ParameterDefinition): string {
  const allowed = def.constraints.find((c) => c.kind === "allowed_values");
  if (allowed?.kind === "allowed_values") return Array.isArray(allowed.allowed[0]) ? allowed.allowed[0].join(",") : String(allowed.allowed[0]);
  const range = def.constraints.find((c) => c.kind === "range");
  const length = def.constraints.find((c) => c.kind === "length");
  switch (def.type) {
    case "number":
      return String(range?.kind === "range" && range.min !== undefined ? range.min : 1);
    case "boolean":
      return "false";
    case "json":
      return "{}";
    case "comma_delimited_list":
      // Items that read as numbers too: templates take lengths or ports from such lists.
      return "1,2";
    default: {
      const min = length?.kind === "length" && length.min !== undefined ? length.min : 0;
      return `test-${def.name}`.padEnd(min, "x");
    }
  }
}

/** Parameter values for a template: test values for those with no default (Heat would require them), the defaults of hidden ones. */
function parametersFor(file: string): Record<string, string> {
  const { stack } = loadStack({ templateFile: file, requireParameters: false });
  const values: Record<string, string> = {};
  for (const def of stack?.template.parameters.values() ?? []) {
    const missing = def.default === undefined || def.default === null;
    // A hidden parameter's default is never copied into the program: it is set as (secret) config.
    if (missing) values[def.name] = testValue(def);
    else if (def.hidden) values[def.name] = typeof def.default === "string" ? def.default : Array.isArray(def.default) ? def.default.join(",") : JSON.stringify(def.default);
  }
  return values;
}

// The corpus's templates, as the importer's corpus test lists them (its reviewed golden file).
const importerGolden = path.join(repo, "test", "fixtures", "corpus", "expected-errors.json");
const files = fs.existsSync(corpus) ? Object.keys(JSON.parse(fs.readFileSync(importerGolden, "utf8")) as Record<string, unknown>).map((name) => path.join(corpus, name)) : [];
const accepted = files.filter((file) => !loadStack({ templateFile: file, requireParameters: false }).diagnostics.hasErrors);
const describeCorpus = files.length > 0 ? describe : describe.skip;

describeCorpus("the converter over the public HOT corpus", () => {
  const outcomes = new Map<string, Outcome>();
  const programs = new Map<string, string>();
  let mock: MockCloud;

  beforeAll(async () => {
    mock = await MockCloud.install();
    process.env.HEATSHIFT_SIGNAL_URL = "http://127.0.0.1:8000";
    process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN = "admin-secret";
    for (const file of accepted) {
      const name = path.relative(corpus, file);
      const result = convertTemplate({ templateFile: file });
      // Positions relative to the corpus (a nested template's file is named relative to the working directory).
      const errors = result.problems.filter((p) => p.severity === "error").map((p) => formatDiagnostic(p).replace(/^[^:]+/, (f) => path.relative(corpus, path.resolve(f))));
      if (result.program === undefined) {
        outcomes.set(name, { outcome: "unsupported", errors });
        continue;
      }
      programs.set(name, result.program);
      const parameters = parametersFor(file);
      pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [`heatshift:${k}`, v])));
      try {
        const { resources, differences, failure } = await compareWithHotStack(mock, file, parameters, result.program);
        // With these parameter values Heat stops (a function's error): equivalent when the program stops with the same error.
        const stops = failure === undefined ? {} : { bothStopWith: failure };
        outcomes.set(name, differences.length === 0 ? { outcome: "equivalent", resources: resources.length, ...stops } : { outcome: "differs", differences });
      } catch (error) {
        outcomes.set(name, { outcome: "differs", differences: [`failed: ${(error as Error).message}`] });
      }
    }
    if (process.env.HEATSHIFT_UPDATE_GOLDEN === "1") fs.writeFileSync(goldenFile, `${JSON.stringify(Object.fromEntries(outcomes), null, 1)}\n`);
  }, 300_000);

  afterAll(() => {
    delete process.env.HEATSHIFT_SIGNAL_URL;
    delete process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
  });

  test("the counts: templates the importer accepts, converted and equivalent, unsupported", () => {
    const count = (o: Outcome["outcome"]) => [...outcomes.values()].filter((x) => x.outcome === o).length;
    expect([files.length, accepted.length, count("equivalent"), count("unsupported"), count("differs")]).toEqual([229, 69, 69, 0, 0]);
  });

  test("every accepted template ends as reviewed: equivalent (with its resource count) or the exact errors", () => {
    const golden = JSON.parse(fs.readFileSync(goldenFile, "utf8")) as Record<string, Outcome>;
    expect(Object.fromEntries(outcomes)).toEqual(golden);
  });

  test("every converted program compiles with tsc --strict (one compilation of them all)", () => {
    // As in convert.test.ts: `paths` points the programs' heatshift imports at this repository.
    fs.rmSync(workDir, { recursive: true, force: true });
    const names = [...programs.keys()];
    names.forEach((name, i) => {
      fs.mkdirSync(path.join(workDir, String(i)), { recursive: true });
      fs.writeFileSync(path.join(workDir, String(i), "index.ts"), programs.get(name)!);
    });
    const output = strictCompile(workDir, names.map((_, i) => `${i}/index.ts`)).replace(/^(\d+)\//gm, (_, i: string) => `${names[Number(i)]}: `);
    expect([programs.size, output]).toEqual([69, ""]);
  }, 240_000);
});
