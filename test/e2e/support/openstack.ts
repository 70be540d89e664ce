/**
 * The loopback OpenStack of scripts/openstack-aio.sh seen from outside, with the `openstack` CLI
 * (the system Python's /usr/bin/openstack), never through Pulumi. Every call is asynchronous: a
 * signal receiver may live in the test process and must keep answering meanwhile.
 */
import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
export const aioDir = process.env.AIO_DIR ?? path.join(repoRoot, ".aio");
const aioScript = path.join(repoRoot, "scripts", "openstack-aio.sh");
const execFileAsync = promisify(execFile);

/** The caller's environment without any OS_* variable: the cloud then comes only from what we add. */
function withoutOpenStackVariables(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("OS_")));
}

/** The environment of the `openstack` CLI: the system tools first, the cloud `heatshift-aio` of .aio/clouds.yaml. */
export function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...withoutOpenStackVariables(),
    PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
    AIO_DIR: aioDir,
    OS_CLOUD: "heatshift-aio",
    OS_CLIENT_CONFIG_FILE: path.join(aioDir, "clouds.yaml"),
  };
}

/** The OS_* variables of .aio/openrc (`export KEY=VALUE` lines), for the Pulumi OpenStack provider. */
export function openrcVariables(): Record<string, string> {
  const text = fs.readFileSync(path.join(aioDir, "openrc"), "utf8");
  return Object.fromEntries([...text.matchAll(/^export (OS_[A-Z_]+)=(.*)$/gm)].map(([, key, value]) => [key, value.replace(/^'(.*)'$/, "$1")]));
}

/** Fails with `npm run openstack -- up` advice when the cloud is not up (the e2e suite does not skip). */
export function requireCloudUp(): void {
  const status = spawnSync("bash", [aioScript, "status"], { env: cliEnv(), encoding: "utf8", timeout: 120_000 });
  if (status.status !== 0) {
    throw new Error(
      `The loopback OpenStack is not up (scripts/openstack-aio.sh status exited ${status.status}):\n` +
        `${status.stdout}${status.stderr}\nStart it with: npm run openstack -- up`,
    );
  }
}

/** `openstack ARGS`; a failure carries the CLI's stderr. */
export async function openstack(...args: string[]): Promise<string> {
  try {
    return (await execFileAsync("openstack", args, { env: cliEnv(), encoding: "utf8", timeout: 180_000, maxBuffer: 16 << 20 })).stdout;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`openstack ${args.join(" ")} failed: ${failed.stderr || failed.message}`);
  }
}

/** `openstack ARGS -f json`, parsed. */
export async function openstackJson<T>(...args: string[]): Promise<T> {
  return JSON.parse(await openstack(...args, "-f", "json")) as T;
}

/** What a deployment may create, by kind, as sorted IDs: compared before and after. */
export interface Inventory {
  readonly servers: string[];
  readonly ports: string[];
  readonly networks: string[];
  readonly subnets: string[];
  readonly routers: string[];
  readonly securityGroups: string[];
  readonly floatingIps: string[];
}

async function ids(...listCommand: string[]): Promise<string[]> {
  const rows = await openstackJson<Array<{ ID: string }>>(...listCommand);
  return rows.map((row) => row.ID).sort();
}

/** Every server, port, network, subnet, router, security group and floating IP the admin sees. */
export async function inventory(): Promise<Inventory> {
  const [servers, ports, networks, subnets, routers, securityGroups, floatingIps] = await Promise.all([
    ids("server", "list", "--all-projects"),
    ids("port", "list"),
    ids("network", "list"),
    ids("subnet", "list"),
    ids("router", "list"),
    ids("security", "group", "list"),
    ids("floating", "ip", "list"),
  ]);
  return { servers, ports, networks, subnets, routers, securityGroups, floatingIps };
}

/** Polls `probe` every 2 s until its value equals `expected` or `seconds` pass; returns the last value seen. */
export async function settle<T>(expected: T, seconds: number, probe: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** The user_data nova keeps for a server, decoded (compute API 2.3 shows it to admins, base64). */
export async function serverUserData(server: string): Promise<string> {
  const shown = await openstackJson<Record<string, string | null>>(
    "--os-compute-api-version", "2.3", "server", "show", server, "-c", "OS-EXT-SRV-ATTR:user_data",
  );
  const encoded = shown["OS-EXT-SRV-ATTR:user_data"];
  if (!encoded) throw new Error(`server ${server} has no user_data in nova`);
  return Buffer.from(encoded, "base64").toString("utf8");
}

/** A security group rule as neutron shows it, reduced to what a template sets. */
export interface RuleShape {
  readonly direction: string;
  readonly ethertype: string;
  readonly protocol: string | null;
  readonly portRangeMin: number | null;
  readonly portRangeMax: number | null;
  readonly remoteIpPrefix: string | null;
  readonly remoteGroup: "self" | null;
}

/** The rules of a security group, sorted, in a form two groups can be compared by. */
export async function securityGroupRules(group: string): Promise<RuleShape[]> {
  const shown = await openstackJson<{ id: string; rules: Array<Record<string, unknown>> }>("security", "group", "show", group);
  const rules = shown.rules.map((rule) => ({
    direction: String(rule.direction),
    ethertype: String(rule.ethertype),
    protocol: (rule.protocol as string | null) ?? null,
    portRangeMin: (rule.port_range_min as number | null) ?? null,
    portRangeMax: (rule.port_range_max as number | null) ?? null,
    remoteIpPrefix: (rule.remote_ip_prefix as string | null) ?? null,
    remoteGroup: rule.remote_group_id ? (rule.remote_group_id === shown.id ? ("self" as const) : null) : null,
  }));
  return rules.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
