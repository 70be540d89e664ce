/**
 * `npm run bench`: runs every benchmark in this folder, one after another in its own process so
 * that none warms the other's caches, and prints what each measured. Each benchmark measures its
 * own baseline in the same run and prints ratios: absolute numbers on these machines are noise.
 * `npm run bench -- signal import` runs only the named ones.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const benchDir = __dirname;
const available = fs
  .readdirSync(benchDir)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts")
  .map((file) => path.basename(file, ".ts"))
  .sort();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}

let failures = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n=== bench/${name}.ts`);
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(benchDir, `${name}.ts`)], {
    stdio: "inherit",
  });
  if (run.status !== 0) {
    console.log(`bench/${name}.ts failed (exit ${run.status ?? run.signal})`);
    failures += 1;
  }
}
process.exit(failures === 0 ? 0 : 1);
