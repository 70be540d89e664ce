/**
 * heat_2d deployed on the loopback OpenStack by Heat itself (`openstack stack create --wait`) and by
 * heatshift (HotStack under the real Pulumi engine, `pulumi up`), timed in the same run; then both
 * deleted (`stack delete --wait` / `pulumi destroy`), timed too. Rounds alternate who goes first, so
 * neither always meets a warmer cloud. Both get the instance played the same way (e2e support: poll
 * nova for the server, run its user_data's curl_cli); Heat gets the one depends_on line that keeps it
 * from racing (test/e2e/support/heat.ts). Prints each time and the ratios heatshift/Heat.
 * Starts the loopback OpenStack and builds the engine if needed (both idempotent).
 * `HEATSHIFT_BENCH_DEPLOY_ROUNDS` (default 2) sets the rounds.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { prepareStack, removeStack, StackUnderTest, upPlayingInstance } from "../test/e2e/support/deployment";
import { createHeatStack, heat2dTemplate, templateForHeat } from "../test/e2e/support/heat";
import { cliEnv, inventory, openstack, repoRoot } from "../test/e2e/support/openstack";
import { PulumiStack } from "../test/e2e/support/pulumi";

const rounds = Number(process.env.HEATSHIFT_BENCH_DEPLOY_ROUNDS ?? "2");
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`HEATSHIFT_BENCH_DEPLOY_ROUNDS must be a whole number ≥ 1, got ${JSON.stringify(process.env.HEATSHIFT_BENCH_DEPLOY_ROUNDS)}`);
  process.exit(2);
}
const image = "cirros-0.3.3-x86_64";
const parameters = { image, gmail_username: "heatshift-bench", gmail_password: `pw-${process.pid}-bench` };

/** Runs a project script in the foreground; exits the benchmark if it fails. */
function setUp(what: string, command: string[], env: NodeJS.ProcessEnv): void {
  const run = spawnSync(command[0], command.slice(1), { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"], env });
  if (run.status !== 0) {
    console.error(`${what} failed (exit ${run.status ?? run.signal}): run \`${command.join(" ")}\` to see why`);
    process.exit(1);
  }
}

interface Times {
  create: number;
  remove: number;
}

/** Each round's times, by side; Heat's also with its own create time from its events. */
const heat: Array<Times & { engine: number }> = [];
const heatshift: Times[] = [];

/**
 * Heat's own time for a stack's creation: from the stack's CREATE_IN_PROGRESS event to its
 * CREATE_COMPLETE (seconds, as Heat stamps them), without the CLI's start and its polling.
 */
async function heatEngineCreateSeconds(name: string): Promise<number> {
  const events = JSON.parse(await openstack("stack", "event", "list", name, "-f", "json")) as Array<{ resource_name: string; resource_status: string; event_time: string }>;
  const at = (status: string) => {
    const event = events.find((e) => e.resource_name === name && e.resource_status === status);
    if (event === undefined) throw new Error(`stack ${name} has no ${status} event: ${JSON.stringify(events)}`);
    return Date.parse(event.event_time.endsWith("Z") ? event.event_time : `${event.event_time}Z`);
  };
  return (at("CREATE_COMPLETE") - at("CREATE_IN_PROGRESS")) / 1000;
}

async function heatRound(round: number, dir: string): Promise<Times & { engine: number }> {
  const name = `bench-heat-${process.pid}-${round}`;
  const before = await inventory();
  let deleted = false;
  try {
    const deployment = await createHeatStack(name, templateForHeat(dir), parameters, before);
    if (deployment.signalStatus !== 200) throw new Error(`Heat's wait handle answered the signal with HTTP ${deployment.signalStatus}`);
    const engine = await heatEngineCreateSeconds(name);
    const started = Date.now();
    await openstack("stack", "delete", "--yes", "--wait", name);
    deleted = true;
    const times = { create: deployment.seconds, remove: (Date.now() - started) / 1000, engine };
    heat.push(times);
    return times;
  } finally {
    if (!deleted) await openstack("stack", "delete", "--yes", "--wait", name).catch(() => undefined);
  }
}

async function heatshiftRound(stack: PulumiStack): Promise<Times> {
  const before = await inventory();
  const { result, signal } = await upPlayingInstance(stack, before, /^heat_2d-flasky_instance-/, { status: "SUCCESS" });
  if (signal.status !== 200 || result.status !== 0) {
    throw new Error(`pulumi up failed (signal HTTP ${signal.status}, exit ${result.status})\n${result.stdout}\n${result.stderr}`);
  }
  const destroyed = await stack.destroy();
  if (destroyed.status !== 0) throw new Error(`pulumi destroy failed (exit ${destroyed.status})\n${destroyed.stdout}\n${destroyed.stderr}`);
  const times = { create: result.seconds, remove: destroyed.seconds };
  heatshift.push(times);
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  setUp("starting the loopback OpenStack (scripts/openstack-aio.sh up)", ["bash", path.join(repoRoot, "scripts", "openstack-aio.sh"), "up"], cliEnv());
  setUp("building the engine (scripts/engine/build.sh)", ["bash", path.join(repoRoot, "scripts", "engine", "build.sh")], process.env);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-bench-deploy-"));
  let under: StackUnderTest | undefined;
  try {
    const project = path.join(repoRoot, "test", "e2e", "projects", "hotstack");
    const plain = { template: heat2dTemplate, image, gmail_username: parameters.gmail_username };
    under = await prepareStack(project, `bench-deploy-${process.pid}`, plain, { gmail_password: parameters.gmail_password });
    for (let round = 1; round <= rounds; round++) {
      const heatFirst = round % 2 === 1;
      for (const side of heatFirst ? ["heat", "heatshift"] : ["heatshift", "heat"]) {
        const times = side === "heat" ? await heatRound(round, dir) : await heatshiftRound(under.stack);
        console.log(`round ${round} ${side.padEnd(9)} create ${times.create.toFixed(1).padStart(6)} s   delete ${times.remove.toFixed(1).padStart(6)} s`);
      }
    }
  } finally {
    await removeStack(under);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const row = (step: string, ours: number[], theirs: number[]) =>
    console.log(`${step.padEnd(8)}${median(theirs).toFixed(1).padStart(12)}${median(ours).toFixed(1).padStart(17)}${(median(ours) / median(theirs)).toFixed(2).padStart(14)}×`);
  console.log(`\nheat_2d on the loopback OpenStack, median of ${rounds} round(s), seconds`);
  console.log("step      Heat (stack)   heatshift (pulumi)   pulumi/heat");
  row("create", heatshift.map((t) => t.create), heat.map((t) => t.create));
  row("delete", heatshift.map((t) => t.remove), heat.map((t) => t.remove));
  console.log(
    `Heat's own create time (its stack events, without the CLI): ${median(heat.map((t) => t.engine)).toFixed(1)} s; ` +
      `pulumi up against it: ${(median(heatshift.map((t) => t.create)) / median(heat.map((t) => t.engine))).toFixed(2)}×`,
  );
}

main().catch((error: Error) => {
  console.error(`bench/deploy.ts: ${error.message}`);
  process.exit(1);
});
