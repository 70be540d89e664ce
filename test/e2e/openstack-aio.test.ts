// The loopback OpenStack of scripts/openstack-aio.sh, checked from outside with the `openstack` CLI:
// every service up, what the Heat tutorial assumes exists, and a server on private-net goes ACTIVE
// and is deleted without leaving anything behind. CI starts the cloud first (`npm run openstack -- up`);
// if it is not up these tests fail, they do not skip.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { aioDir, cliEnv, openstack, openstackJson, repoRoot, requireCloudUp, settle } from "./support/openstack";

const script = path.join(repoRoot, "scripts", "openstack-aio.sh");
// The CLI takes seconds per call on a busy 2-core machine.
jest.setTimeout(120_000);

async function ids(kind: "server" | "port" | "floating ip"): Promise<string[]> {
  const rows = await openstackJson<Array<{ ID: string }>>(...kind.split(" "), "list");
  return rows.map((row) => row.ID).sort();
}

describe("loopback OpenStack (scripts/openstack-aio.sh)", () => {
  beforeAll(requireCloudUp);

  test("status lists every service as up on 127.0.0.1", async () => {
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

  test("the catalog lists the tutorial's services on loopback", async () => {
    const catalog = await openstackJson<Array<{ Type: string; Endpoints: Array<{ url: string }> | string }>>(
      "catalog", "list",
    );
    const types = catalog.map((entry) => entry.Type).sort();
    expect(types).toEqual(
      ["cloudformation", "compute", "identity", "image", "network", "orchestration", "placement"],
    );
    expect(JSON.stringify(catalog)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1[:/])/);
  });

  test("image, flavor and keypair the tutorial names exist", async () => {
    const image = await openstackJson<{ status: string; disk_format: string; visibility: string }>(
      "image", "show", "cirros-0.3.3-x86_64",
    );
    expect([image.status, image.disk_format, image.visibility]).toEqual(["active", "qcow2", "public"]);

    const flavor = await openstackJson<{ ram: number; vcpus: number; disk: number }>("flavor", "show", "m1.small");
    expect([flavor.ram, flavor.vcpus, flavor.disk]).toEqual([2048, 1, 20]);

    const keypair = await openstackJson<{ fingerprint: string }>("keypair", "show", "my_key");
    const local = execFileSync("ssh-keygen", ["-l", "-E", "md5", "-f", path.join(aioDir, "my_key.pub")], {
      encoding: "utf8",
    });
    expect(`MD5:${keypair.fingerprint}`).toEqual(local.split(" ")[1]);
  });

  test("public-net is external with a floating range in 203.0.113.0/24, private-net is a tenant network", async () => {
    const pub = await openstackJson<{ "router:external": boolean; subnets: string[] }>("network", "show", "public-net");
    expect(pub["router:external"]).toBe(true);
    expect(pub.subnets).toHaveLength(1);
    const pubSubnet = await openstackJson<{ cidr: string; allocation_pools: Array<{ start: string; end: string }> }>(
      "subnet", "show", pub.subnets[0],
    );
    expect([pubSubnet.cidr, pubSubnet.allocation_pools]).toEqual([
      "203.0.113.0/24",
      [{ start: "203.0.113.10", end: "203.0.113.250" }],
    ]);

    const priv = await openstackJson<{ "router:external": boolean; subnets: string[] }>("network", "show", "private-net");
    expect(priv["router:external"]).toBe(false);
    const privSubnet = await openstackJson<{ cidr: string }>("subnet", "show", priv.subnets[0]);
    expect(privSubnet.cidr).toEqual("10.0.0.0/24");
  });

  test("a server on private-net goes ACTIVE on a bound port and is deleted without leftovers", async () => {
    const before = { servers: await ids("server"), ports: await ids("port"), floatingIps: await ids("floating ip") };
    const name = `heatshift-aio-e2e-${process.pid}-${Date.now()}`;
    try {
      const created = await openstackJson<{ id: string; status: string }>(
        "server", "create", "--flavor", "m1.small", "--image", "cirros-0.3.3-x86_64", "--key-name", "my_key",
        "--network", "private-net", "--wait", name,
      );
      expect(created.status).toEqual("ACTIVE");
      const ports = await openstackJson<Array<{ ID: string; "Fixed IP Addresses": unknown }>>(
        "port", "list", "--server", created.id,
      );
      expect(ports).toHaveLength(1);
      const port = await openstackJson<{ binding_vif_type: string; binding_host_id: string; fixed_ips: unknown }>(
        "port", "show", ports[0].ID,
      );
      expect([port.binding_vif_type, port.binding_host_id]).toEqual(["ovs", "aio"]);
      expect(JSON.stringify(port.fixed_ips)).toMatch(/"ip_address": ?"10\.0\.0\.\d+"/);
    } finally {
      await openstack("server", "delete", "--wait", name).catch(() => undefined);
    }
    // nova removes the port it made while deleting the server; give neutron a moment to agree.
    const after = await settle(before, 60, async () => ({
      servers: await ids("server"), ports: await ids("port"), floatingIps: await ids("floating ip"),
    }));
    expect(after).toEqual(before);
  }, 240_000);

  test("Heat: a WaitConditionHandle signalled through heat-api on loopback completes the stack", async () => {
    const stacksBefore = (await openstackJson<Array<{ ID: string }>>("stack", "list")).map((row) => row.ID);
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
      await openstack("stack", "create", "-t", template, name);
      // The output resolves once Heat has created the handle (and its stack user), before the wait ends.
      const curlOutput = async () => {
        try {
          return (await openstackJson<{ output_value: string | null }>("stack", "output", "show", name, "curl_cli")).output_value;
        } catch {
          return null;
        }
      };
      expect(await settle(true, 120, async () => Boolean(await curlOutput()))).toBe(true);
      const command = String(await curlOutput());
      // The handle's URL is heat-api's catalog endpoint: loopback only, reachable by the "instance" (this test).
      expect(command).toMatch(/ http:\/\/127\.0\.0\.1:8004\/v1\/[0-9a-f]{32}\/stacks\/.+\/resources\/wait_handle\/signal$/);
      const signal = spawnSync("bash", ["-c", `${command} --data-binary '{"status": "SUCCESS", "reason": "e2e", "data": "hello"}'`], {
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(signal.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
      const status = await settle("CREATE_COMPLETE", 120, async () =>
        (await openstackJson<{ stack_status: string }>("stack", "show", name)).stack_status);
      expect(status).toEqual("CREATE_COMPLETE");
      const data = (await openstackJson<{ output_value: string }>("stack", "output", "show", name, "data")).output_value;
      expect(JSON.parse(data)).toEqual({ "1": "hello" });
    } finally {
      await openstack("stack", "delete", "--yes", "--wait", name).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await openstackJson<Array<{ ID: string }>>("stack", "list")).map((row) => row.ID)).toEqual(stacksBefore);
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
    expect(await settle(false, 60, async () => alive())).toBe(false);

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
