/**
 * The importer's front half (read, check, bind parameters, resolve functions, check properties,
 * build the dependency graph: what `heatshift validate`/`plan` and every HotStack do before any
 * Pulumi resource exists) against two baselines measured in the same run:
 * - a raw `yaml` parse of the same text (target: at most 3×, and linear in size);
 * - Heat's own parse + validate of heat_2d by Debian's python3-heat, offline (target: 10× faster),
 *   measured in rounds that alternate with heatshift's (see againstHeat).
 * Synthetic templates have 100, 1,000 and 10,000 resources: networks, subnets, ports and servers
 * wired with get_resource, so Heat's hidden dependencies (port and server → subnets) are computed too.
 * Times are CPU time of the measuring process (Node's process.cpuUsage, Python's process_time): the
 * machine is shared, and wall time counts whatever else runs.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import * as YAML from "yaml";
import { loadStack } from "../src/import/load";

const heat2d = path.resolve(__dirname, "..", "..", "shared", "hot-corpus", "miguelgrinberg__heat-tutorial", "heat_2d.yaml");

/** A template of `count` resources in groups of four: net, subnet, port, server. */
function synthetic(count: number): string {
  const lines = ["heat_template_version: 2016-10-14", "parameters:", "  image: {type: string, default: cirros}", "resources:"];
  for (let i = 0; i < count / 4; i++) {
    lines.push(
      `  net${i}:`,
      "    type: OS::Neutron::Net",
      `  subnet${i}:`,
      "    type: OS::Neutron::Subnet",
      "    properties:",
      `      network: {get_resource: net${i}}`,
      `      cidr: 10.${Math.floor(i / 256) % 256}.${i % 256}.0/24`,
      `  port${i}:`,
      "    type: OS::Neutron::Port",
      "    properties:",
      `      network: {get_resource: net${i}}`,
      `      fixed_ips: [{subnet: {get_resource: subnet${i}}}]`,
      `  server${i}:`,
      "    type: OS::Nova::Server",
      "    properties:",
      "      image: {get_param: image}",
      "      flavor: m1.small",
      `      networks: [{network: {get_resource: net${i}}}]`,
      `      name: {list_join: ['-', [server, '${i}']]}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** Milliseconds of CPU time this process used (user + system): other work on a shared machine does not count. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Median CPU milliseconds of `fn`: warmed up for a quarter of `budgetMs` (JIT), then sampled for
 * the rest (at least 3 samples). Each sample times a batch of calls long enough for the CPU
 * clock's resolution.
 */
function time(fn: () => void, budgetMs: number): number {
  const warmUntil = Date.now() + budgetMs / 4;
  const warmStart = cpuMs();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (Date.now() < warmUntil);
  const batch = Math.max(1, Math.ceil(2 / Math.max((cpuMs() - warmStart) / calls, 0.001)));
  const samples: number[] = [];
  const until = Date.now() + (budgetMs * 3) / 4;
  while (samples.length < 3 || (Date.now() < until && samples.length < 500)) {
    const start = cpuMs();
    for (let i = 0; i < batch; i++) fn();
    samples.push((cpuMs() - start) / batch);
  }
  return median(samples);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function importOnce(file: string, text: string, parameters: Record<string, string>): void {
  // 10,000 resources are over Heat's 512 KiB template limit: lifted here, for the benchmark only.
  const { stack, diagnostics } = loadStack({ templateFile: file, templateText: text, parameters, maxTemplateSize: Infinity });
  if (!stack || diagnostics.hasErrors) {
    throw new Error(`bench template does not import:\n${diagnostics.errors.map((e) => e.message).join("\n")}`);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-bench-"));
const rows: { name: string; resources: number; yamlMs: number; importMs: number }[] = [];
const cases: [string, string, Record<string, string>][] = [["heat_2d", fs.readFileSync(heat2d, "utf8"), { gmail_username: "me", gmail_password: "pw" }]];
for (const n of [100, 1000, 10000]) cases.push([`synthetic-${n}`, synthetic(n), {}]);
for (const [name, text, parameters] of cases) {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, text);
  const resources = (YAML.parse(text) as { resources: object }).resources;
  const budget = text.length > 500_000 ? 8000 : 3000;
  const yamlMs = time(() => YAML.parse(text), budget);
  const importMs = time(() => importOnce(file, text, parameters), budget);
  rows.push({ name, resources: Object.keys(resources).length, yamlMs, importMs });
}

console.log("CPU time per template (median)");
console.log("template          resources   yaml.parse ms   import ms   import/yaml   import µs/resource");
for (const r of rows) {
  console.log(
    `${r.name.padEnd(18)}${String(r.resources).padStart(9)}${r.yamlMs.toFixed(2).padStart(16)}${r.importMs.toFixed(2).padStart(12)}` +
      `${(r.importMs / r.yamlMs).toFixed(2).padStart(13)}×${((r.importMs * 1000) / r.resources).toFixed(1).padStart(20)}`,
  );
}

/**
 * Heat against heatshift on heat_2d in alternating rounds: between two of heatshift's measurements
 * Heat's own process (python3-heat, kept running) measures a batch on request, so both sides of a
 * round's ratio run under the same load of the shared machine. `skipped` (why) when Heat cannot be run.
 */
async function againstHeat(rounds: number): Promise<{ heatMs: number[]; oursMs: number[] } | { skipped: string }> {
  const heat = spawn("/usr/bin/python3", [path.join(__dirname, "heat-validate.py"), heat2d], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  heat.stderr.on("data", (chunk) => (stderr += chunk));
  heat.on("error", (error) => (stderr += String(error)));
  heat.stdin.on("error", (error) => (stderr += String(error)));
  const lines = readline.createInterface({ input: heat.stdout })[Symbol.asyncIterator]();
  const heatBatch = async (iterations: number): Promise<number | undefined> => {
    heat.stdin.write(`${iterations}\n`);
    const line = await lines.next();
    return line.done ? undefined : (JSON.parse(line.value) as { ms_per_template: number }).ms_per_template;
  };
  try {
    if ((await heatBatch(10)) === undefined) return { skipped: stderr.trim().split("\n").pop() ?? "no output" };
    const heatMs: number[] = [];
    const oursMs: number[] = [];
    const [, text, parameters] = cases[0];
    for (let round = 0; round < rounds; round++) {
      oursMs.push(time(() => importOnce(heat2d, text, parameters), 600));
      heatMs.push((await heatBatch(60)) as number);
    }
    return { heatMs, oursMs };
  } finally {
    heat.stdin.end();
  }
}

void (async () => {
  const result = await againstHeat(9);
  if ("skipped" in result) {
    console.log(`\nHeat baseline skipped (it needs python3-heat: apt-get install python3-heat): ${result.skipped}`);
  } else {
    const ratios = result.heatMs.map((heatMs, i) => heatMs / result.oursMs[i]).sort((a, b) => a - b);
    console.log(
      `\nheat_2d against Heat 19 parse+validate (python3-heat, offline), ${ratios.length} alternating rounds, medians of CPU time: ` +
        `Heat ${median(result.heatMs).toFixed(2)} ms, heatshift ${median(result.oursMs).toFixed(2)} ms; ` +
        `heatshift is ${median(ratios).toFixed(1)}× faster (rounds ${ratios[0].toFixed(1)}-${ratios[ratios.length - 1].toFixed(1)}×; target 10×)`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
})();
