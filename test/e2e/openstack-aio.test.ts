// The loopback OpenStack of scripts/openstack-aio.sh, checked from outside with the `openstack` CLI:
// every service up, what the Heat tutorial assumes exists, and a server on private-net goes ACTIVE
// and is deleted without leaving anything behind. CI starts the cloud first (`npm run openstack -- up`);
// if it is not up these tests fail, they do not skip.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..");
const aioDir = process.env.AIO_DIR ?? path.join(repoRoot, ".aio");
const script = path.join(repoRoot, "scripts", "openstack-aio.sh");

/** The environment the CLI gets: the system Python's tools and the cloud from .aio/clouds.yaml, no stray OS_*. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("OS_")) env[key] = value;
  }
  return {
    ...env,
    PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
    AIO_DIR: aioDir,
    OS_CLOUD: "heatshift-aio",
    OS_CLIENT_CONFIG_FILE: path.join(aioDir, "clouds.yaml"),
  };
}

function openstack(...args: string[]): string {
  return execFileSync("openstack", args, { env: cliEnv(), encoding: "utf8", timeout: 120_000 });
}

function openstackJson<T>(...args: string[]): T {
  return JSON.parse(openstack(...args, "-f", "json")) as T;
}

function ids(kind: "server" | "port" | "floating ip" | "network" | "router"): string[] {
  const rows = openstackJson<Array<{ ID: string }>>(...kind.split(" "), "list");
  return rows.map((row) => row.ID).sort();
}

/** Polls `probe` every 2 s until it equals `expected` or `seconds` pass; returns the last value seen. */
async function settle<T>(expected: T, seconds: number, probe: () => T): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = probe();
    if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

describe("loopback OpenStack (scripts/openstack-aio.sh)", () => {
  beforeAll(() => {
    const status = spawnSync("bash", [script, "status"], { env: cliEnv(), encoding: "utf8" });
    if (status.status !== 0) {
      throw new Error(
        `The loopback OpenStack is not up (scripts/openstack-aio.sh status exited ${status.status}):\n` +
          `${status.stdout}${status.stderr}\nStart it with: npm run openstack -- up`,
      );
    }
  });

  test("status lists every service as up on 127.0.0.1", () => {
    const out = execFileSync("bash", [script, "status"], { env: cliEnv(), encoding: "utf8" });
    const states = Object.fromEntries(
      [...out.matchAll(/^(\S+)\s+(up|down)\s/gm)].map(([, name, state]) => [name, state]),
    );
    const services = [
      "mariadb", "rabbitmq", "keystone", "glance-api", "placement-api", "nova-api", "nova-conductor",
      "nova-scheduler", "nova-compute", "neutron-server", "heat-engine", "heat-api",
    ];
    expect(states).toEqual(Object.fromEntries(services.map((name) => [name, "up"])));
    for (const [name, port] of [["keystone", 5000], ["nova-api", 8774], ["heat-api", 8004]] as const) {
      expect(out).toMatch(new RegExp(`^${name}\\s+up\\s+127\\.0\\.0\\.1:${port} `, "m"));
    }
    expect(out).toMatch(/^memory: \d+ MB resident in all$/m);
  });

  test("the catalog lists the tutorial's services on loopback", () => {
    const catalog = openstackJson<Array<{ Type: string; Endpoints: Array<{ url: string }> | string }>>(
      "catalog", "list",
    );
    const types = catalog.map((entry) => entry.Type).sort();
    expect(types).toEqual(
      ["cloudformation", "compute", "identity", "image", "network", "orchestration", "placement"],
    );
    expect(JSON.stringify(catalog)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1[:/])/);
  });

  test("image, flavor and keypair the tutorial names exist", () => {
    const image = openstackJson<{ status: string; disk_format: string; visibility: string }>(
      "image", "show", "cirros-0.3.3-x86_64",
    );
    expect([image.status, image.disk_format, image.visibility]).toEqual(["active", "qcow2", "public"]);

    const flavor = openstackJson<{ ram: number; vcpus: number; disk: number }>("flavor", "show", "m1.small");
    expect([flavor.ram, flavor.vcpus, flavor.disk]).toEqual([2048, 1, 20]);

    const keypair = openstackJson<{ fingerprint: string }>("keypair", "show", "my_key");
    const local = execFileSync("ssh-keygen", ["-l", "-E", "md5", "-f", path.join(aioDir, "my_key.pub")], {
      encoding: "utf8",
    });
    expect(`MD5:${keypair.fingerprint}`).toEqual(local.split(" ")[1]);
  });

  test("public-net is external with a floating range in 203.0.113.0/24, private-net is a tenant network", () => {
    const pub = openstackJson<{ "router:external": boolean; subnets: string[] }>("network", "show", "public-net");
    expect(pub["router:external"]).toBe(true);
    expect(pub.subnets).toHaveLength(1);
    const pubSubnet = openstackJson<{ cidr: string; allocation_pools: Array<{ start: string; end: string }> }>(
      "subnet", "show", pub.subnets[0],
    );
    expect([pubSubnet.cidr, pubSubnet.allocation_pools]).toEqual([
      "203.0.113.0/24",
      [{ start: "203.0.113.10", end: "203.0.113.250" }],
    ]);

    const priv = openstackJson<{ "router:external": boolean; subnets: string[] }>("network", "show", "private-net");
    expect(priv["router:external"]).toBe(false);
    const privSubnet = openstackJson<{ cidr: string }>("subnet", "show", priv.subnets[0]);
    expect(privSubnet.cidr).toEqual("10.0.0.0/24");
  });

  test("a server on private-net goes ACTIVE on a bound port and is deleted without leftovers", async () => {
    const before = { servers: ids("server"), ports: ids("port"), floatingIps: ids("floating ip") };
    const name = `heatshift-aio-e2e-${process.pid}-${Date.now()}`;
    try {
      const created = openstackJson<{ id: string; status: string }>(
        "server", "create", "--flavor", "m1.small", "--image", "cirros-0.3.3-x86_64", "--key-name", "my_key",
        "--network", "private-net", "--wait", name,
      );
      expect(created.status).toEqual("ACTIVE");
      const ports = openstackJson<Array<{ ID: string; "Fixed IP Addresses": unknown }>>(
        "port", "list", "--server", created.id,
      );
      expect(ports).toHaveLength(1);
      const port = openstackJson<{ binding_vif_type: string; binding_host_id: string; fixed_ips: unknown }>(
        "port", "show", ports[0].ID,
      );
      expect([port.binding_vif_type, port.binding_host_id]).toEqual(["ovs", "aio"]);
      expect(JSON.stringify(port.fixed_ips)).toMatch(/"ip_address": ?"10\.0\.0\.\d+"/);
    } finally {
      spawnSync("openstack", ["server", "delete", "--wait", name], { env: cliEnv(), timeout: 120_000 });
    }
    // nova removes the port it made while deleting the server; give neutron a moment to agree.
    const after = await settle(before, 60, () => ({
      servers: ids("server"), ports: ids("port"), floatingIps: ids("floating ip"),
    }));
    expect(after).toEqual(before);
  }, 240_000);

  test("Heat: a WaitConditionHandle signalled through heat-api on loopback completes the stack", async () => {
    const stacksBefore = openstackJson<Array<{ ID: string }>>("stack", "list").map((row) => row.ID);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-aio-heat-"));
    const template = path.join(dir, "wait.yaml");
    fs.writeFileSync(template, [
      "heat_template_version: 2013-05-23",
      "resources:",
      "  wait_handle: {type: OS::Heat::WaitConditionHandle}",
      "  wait_condition:",
      "    type: OS::Heat::WaitCondition",
      "    properties: {handle: {get_resource: wait_handle}, count: 1, timeout: 300}",
      "outputs:",
      "  curl_cli: {value: {get_attr: [wait_handle, curl_cli]}}",
      "  data: {value: {get_attr: [wait_condition, data]}}",
      "",
    ].join("\n"));
    const name = `heatshift-aio-e2e-${process.pid}-${Date.now()}`;
    try {
      openstack("stack", "create", "-t", template, name);
      // The output resolves once Heat has created the handle (and its stack user), before the wait ends.
      const curlOutput = () => {
        try {
          return openstackJson<{ output_value: string | null }>("stack", "output", "show", name, "curl_cli").output_value;
        } catch {
          return null;
        }
      };
      expect(await settle(true, 120, () => Boolean(curlOutput()))).toBe(true);
      const command = String(curlOutput());
      // The handle's URL is heat-api's catalog endpoint: loopback only, reachable by the "instance" (this test).
      expect(command).toMatch(/ http:\/\/127\.0\.0\.1:8004\/v1\/[0-9a-f]{32}\/stacks\/.+\/resources\/wait_handle\/signal$/);
      const signal = spawnSync("bash", ["-c", `${command} --data-binary '{"status": "SUCCESS", "reason": "e2e", "data": "hello"}'`], {
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(signal.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
      const status = await settle("CREATE_COMPLETE", 120, () =>
        openstackJson<{ stack_status: string }>("stack", "show", name).stack_status);
      expect(status).toEqual("CREATE_COMPLETE");
      const data = openstackJson<{ output_value: string }>("stack", "output", "show", name, "data").output_value;
      expect(JSON.parse(data)).toEqual({ "1": "hello" });
    } finally {
      spawnSync("openstack", ["stack", "delete", "--yes", "--wait", name], { env: cliEnv(), timeout: 180_000 });
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(openstackJson<Array<{ ID: string }>>("stack", "list").map((row) => row.ID)).toEqual(stacksBefore);
  }, 420_000);

  test("status names a stopped service and exits 1; up starts it again", async () => {
    const pid = Number(fs.readFileSync(path.join(aioDir, "run", "heat-api.pid"), "utf8"));
    process.kill(-pid, "SIGTERM");
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await settle(false, 60, alive)).toBe(false);

    const down = spawnSync("bash", [script, "status"], { env: cliEnv(), encoding: "utf8" });
    expect(down.status).toBe(1);
    expect(down.stdout).toMatch(/^heat-api\s+down\s+not running/m);
    expect([...down.stdout.matchAll(/^(\S+)\s+down\s/gm)].map(([, name]) => name)).toEqual(["heat-api"]);

    const up = spawnSync("bash", [script, "up"], { env: cliEnv(), encoding: "utf8", timeout: 300_000 });
    expect(up.stdout).toMatch(/started heat-api/);
    expect(up.status).toBe(0);
    expect(spawnSync("bash", [script, "status"], { env: cliEnv() }).status).toBe(0);
  }, 420_000);
});
