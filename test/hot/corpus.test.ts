/**
 * The public corpus (../shared/hot-corpus, 229 HOT templates + 32 environment files): every file is
 * read exactly as Heat's loader reads it, every template passes the language-level checks, and the
 * one environment file Heat rejects is rejected with Heat's message.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Diagnostics } from "../../src/hot/diagnostics";
import { parseEnvironmentFile } from "../../src/hot/environment";
import { pythonJsonDumps } from "../../src/hot/functions/python";
import { HotMap, ParsedFile, parseEnvironmentText, parseTemplateText } from "../../src/hot/parse";
import { buildTemplate } from "../../src/hot/template";

const corpus = process.env.HEATSHIFT_CORPUS ?? path.resolve(__dirname, "..", "..", "..", "shared", "hot-corpus");

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".yaml")) out.push(path.relative(corpus, p));
    }
  };
  walk(corpus);
  return out.sort();
}

const files = fs.existsSync(corpus) ? corpusFiles() : [];
const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(corpus, f), "utf8")]));
/** The corpus selection rule (SOURCES.md): a HOT file has a top-level heat_template_version key. */
const isTemplate = (f: string) => /^\uFEFF?heat_template_version\s*:/m.test(texts.get(f) as string);
/** Each file parsed once, as a template (JSON first, then YAML) or as an environment (YAML). */
const parsed = new Map<string, ParsedFile<HotMap>>();
beforeAll(() => {
  for (const f of files) {
    const text = texts.get(f) as string;
    parsed.set(f, isTemplate(f) ? parseTemplateText(text, f) : parseEnvironmentText(text, f));
  }
});

describe("the HOT corpus", () => {
  it(`is at ${corpus} (set HEATSHIFT_CORPUS to move it)`, () => {
    expect(files.length).toBe(261);
    expect(files.filter(isTemplate).length).toBe(229);
  });

  it("reads every file to exactly the value Heat's loader (PyYAML CSafeLoader, timestamps as strings) reads", () => {
    const digests: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, "corpus-pyyaml-digests.json"), "utf8"));
    const differing = files.filter((f) => {
      const value = (parsed.get(f) as ParsedFile<HotMap>).value;
      const digest = createHash("sha256").update(pythonJsonDumps(value, true)).digest("hex").slice(0, 16);
      return digest !== digests[f];
    });
    expect(Object.keys(digests).sort()).toEqual(files);
    expect(differing).toEqual([]);
  });

  it("passes the language-level checks for all 229 templates, with these warnings besides custom_constraint", () => {
    const diagnostics = new Diagnostics();
    for (const f of files.filter(isTemplate)) buildTemplate(parsed.get(f) as ParsedFile<HotMap>, diagnostics);
    expect(diagnostics.errors.map((e) => e.message)).toEqual([]);
    const warnings = diagnostics.format().filter((w) => !w.includes("custom_constraint"));
    expect(warnings).toEqual([
      'openstack__tripleo-heat-templates/deployment/cephadm/ceph-external.yaml:82:7: warning: duplicate key "config_settings": Heat keeps only the last value',
      'openstack__tripleo-heat-templates/deployment/neutron/neutron-compute-plugin-nuage.yaml:79:5: warning: "firewall_rules" is not a valid keyword inside an output definition: Heat ignores it (allowed: description, value, condition)',
    ]);
    expect(diagnostics.warnings.length - warnings.length).toBe(67);
  });

  it("accepts 31 environment files and rejects the one Heat rejects, with Heat's message", () => {
    const diagnostics = new Diagnostics();
    const accepted = files.filter((f) => !isTemplate(f)).filter((f) => parseEnvironmentFile(texts.get(f) as string, f, diagnostics));
    expect(accepted.length).toBe(31);
    expect(diagnostics.format()).toEqual([
      'openstack__tripleo-heat-templates/environments/neutron-ovs-dvr.yaml:22:33: warning: resource_registry maps ComputeNetworkConfigTemplate to "templates/net_config_bridge.j2", which is neither a resource type (Vendor::Service::Name) nor a template file ending in .yaml or .template: resources of type ComputeNetworkConfigTemplate cannot be created',
      'pndaproject__pnda-heat-templates/pnda_env_example.yaml:212:1: error: environment has empty section "resource_registry": remove it or give it entries',
    ]);
  });
});
