/**
 * The public corpus (../shared/hot-corpus) through the whole importer (`loadStack`, as `heatshift
 * validate` runs it, parameter values not required): every template either validates or fails with
 * errors of a known, precise kind, each at its FILE:LINE:COL. The exact lines are a reviewed
 * golden file (test/fixtures/corpus/expected-errors.json; regenerate with HEATSHIFT_UPDATE_GOLDEN=1
 * and review the diff).
 */
import * as fs from "fs";
import * as path from "path";
import { formatDiagnostic } from "../src/hot/diagnostics";
import { loadStack } from "../src/import/load";

const root = path.resolve(__dirname, "..");
const corpus = path.resolve(root, "..", "shared", "hot-corpus");
const goldenFile = path.join(__dirname, "fixtures", "corpus", "expected-errors.json");

/** The kinds of error the corpus has, each checked by hand against the template and Heat's behaviour. */
const knownKinds: [string, RegExp][] = [
  ["a Heat type heatshift does not import", /error: resource type \S+ is a Heat type that heatshift does not import/],
  ["a type that is neither Heat's nor mapped", /error: The Resource Type \(.+\) could not be found: it is neither a Heat resource type nor mapped/],
  ["user_data_format other than RAW", /error: user_data_format (SOFTWARE_CONFIG|HEAT_CFNTOOLS) is not supported/],
  ["a get_file target missing from the corpus (Heat's client cannot send the template)", /error: get_file: cannot read \S+: no such file \(Heat's client refuses the template too\)$/],
  ["a nested template file missing from the corpus", /error: cannot read the template \S+ of resource \S+: no such file$/],
  ["a nested template's parameter the parent does not give", /error: The Parameter \(\S+\) was not provided\. It has no default/],
  ["a nested template fetched by URL", /error: template https?:\S+ is a URL: heatshift reads nested templates from files only/],
  ["yaql (not supported)", /error: The function "yaql" is not supported by heatshift/],
  ["a property value Heat's schema rejects", /error: property "\S+" of \S+ (has length|is|expected)/],
  ["an unknown property", /error: unknown property "\S+" for \S+/],
  ["a required property missing", /error: property "\S+" is required by \S+ but not given/],
  ["a server NIC given by subnet only", /error: networks\[\d+\] gives only a subnet: Heat then creates a port on it/],
  ["a function given bad arguments (Heat's validate rejects it too)", /error: Argument to "get_attr" must be a list/],
  ["a condition whose definition uses yaql (follows the yaql error)", /error: Invalid condition "\S+"/],
];

function templates(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(yaml|template)$/.test(entry.name) && /^\uFEFF?heat_template_version\s*:/m.test(fs.readFileSync(p, "utf8"))) out.push(p);
    }
  };
  walk(corpus);
  return out.sort();
}

const files = fs.existsSync(corpus) ? templates() : [];
const results = new Map<string, string[]>();
beforeAll(() => {
  for (const file of files) {
    const { diagnostics } = loadStack({ templateFile: path.relative(process.cwd(), file), requireParameters: false });
    results.set(path.relative(corpus, file), diagnostics.errors.map(formatDiagnostic));
  }
  if (process.env.HEATSHIFT_UPDATE_GOLDEN === "1") {
    fs.writeFileSync(goldenFile, JSON.stringify(Object.fromEntries(results), null, 1) + "\n");
  }
}, 120_000);

const describeCorpus = files.length > 0 ? describe : describe.skip;

describeCorpus("the public HOT corpus through the importer", () => {
  test("229 templates: 69 validate, 160 fail", () => {
    const failing = [...results.values()].filter((errors) => errors.length > 0).length;
    expect([results.size, results.size - failing, failing]).toEqual([229, 69, 160]);
  });

  test("every error is of a known kind", () => {
    const unexplained = [...results.values()].flat().filter((line) => !knownKinds.some(([, re]) => re.test(line)));
    expect(unexplained).toEqual([]);
  });

  test("every template gives exactly the reviewed errors, at their positions", () => {
    const golden = JSON.parse(fs.readFileSync(goldenFile, "utf8")) as Record<string, string[]>;
    expect(Object.fromEntries(results)).toEqual(golden);
  });
});
