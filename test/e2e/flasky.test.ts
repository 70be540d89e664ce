// heat_2d built from heatshift's components (test/e2e/projects/flasky: FlaskySingleInstance with its
// wait condition) deployed by the real Pulumi engine on the loopback OpenStack, checked from outside
// with the `openstack` CLI. The test plays the instance: nova's fake driver runs no guest, so the
// test takes the rendered user_data from nova and runs its wc_notify line (the handle's curl_cli)
// with the real curl against a signal receiver on 127.0.0.1. Needs `npm run openstack -- up` and
// `npm run setup:engine` first.
import * as path from "path";
import { inspectFlasky, prepareStack, removeStack, reportTime, StackUnderTest, upPlayingInstance } from "./support/deployment";
import { inventory, securityGroupRules, settle } from "./support/openstack";

const project = path.join(__dirname, "projects", "flasky");
const image = "cirros-0.3.3-x86_64";
const gmailUsername = "heatshift-e2e";
const gmailPassword = `pw-${Date.now().toString(36)}-not-in-state`;
/**
 * heat_2d's web_server_security_group as neutron holds it: the template's four ingress rules (no
 * remote_ip_prefix: Heat sends none, so any address) plus neutron's default egress rules.
 */
const heat2dRules = [
  { direction: "egress", ethertype: "IPv4", protocol: null, portRangeMin: null, portRangeMax: null, remoteIpPrefix: null, remoteGroup: null },
  { direction: "egress", ethertype: "IPv6", protocol: null, portRangeMin: null, portRangeMax: null, remoteIpPrefix: null, remoteGroup: null },
  { direction: "ingress", ethertype: "IPv4", protocol: "icmp", portRangeMin: null, portRangeMax: null, remoteIpPrefix: null, remoteGroup: null },
  { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: null, remoteGroup: null },
  { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: null, remoteGroup: null },
  { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 80, portRangeMax: 80, remoteIpPrefix: null, remoteGroup: null },
].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

let under: StackUnderTest;

beforeAll(async () => {
  under = await prepareStack(project, `flasky-${process.pid}`, { image, gmail_username: gmailUsername, wait_timeout: "600" }, { gmail_password: gmailPassword });
}, 300_000);

afterAll(() => removeStack(under), 600_000);

/** From the cloud as before: `pulumi up`, the instance played with `signal`. */
async function upSignalling(signal: Record<string, unknown>) {
  await expectCloudAsBefore();
  return upPlayingInstance(under.stack, under.before, /^flasky-server-/, signal);
}

/** `pulumi destroy`, then the cloud must list exactly what it listed before the stack existed. */
async function destroyAndCompare(step: string): Promise<void> {
  const destroyed = await under.stack.destroy();
  if (destroyed.status !== 0) throw new Error(`destroy failed:\n${destroyed.stdout}\n${destroyed.stderr}`);
  reportTime(`${step} destroy`, destroyed.seconds);
  await expectCloudAsBefore();
}

/** Each test starts from, and ends with, the cloud as it was before the stack existed. */
async function expectCloudAsBefore(): Promise<void> {
  expect(await settle(under.before, 60, inventory)).toEqual(under.before);
}

afterEach(async () => {
  // A test that failed half way leaves its resources: the next test must not find them.
  if ((await under.stack.resources()).length > 0) await under.stack.destroy();
}, 600_000);

describe("heat_2d from components (FlaskySingleInstance with a wait condition) on the loopback OpenStack", () => {
  test("up completes once the instance signals SUCCESS; every resource exists as the template says; destroy restores the cloud", async () => {
    const { result: up, server, userData, signal } = await upSignalling({ status: "SUCCESS" });
    expect(signal.status).toBe(200);
    if (up.status !== 0) throw new Error(`up failed (exit ${up.status})\n${up.stdout}\n${up.stderr}`);
    reportTime("components up (SUCCESS)", up.seconds);

    // The script nova holds is heat_2d's, rendered: the values in, no placeholder left.
    expect(userData).toContain(`MAIL_USERNAME=${gmailUsername}\n`);
    expect(userData).toContain(`MAIL_PASSWORD=${gmailPassword}\n`);
    expect(userData).toMatch(/^SECRET_KEY=[A-Za-z0-9]{32}$/m);
    expect(userData).not.toMatch(/__\w+__|wc_notify/);

    const outputs = await under.stack.outputs();
    const deployed = await inspectFlasky(server.ID, String(outputs.instance_ip));
    expect(outputs).toEqual({ instance_name: server.Name, instance_ip: deployed.floatingIp.address, wait_data: '{"1": null}' });
    expect(deployed.server).toEqual({ id: server.ID, name: server.Name, status: "ACTIVE", image, flavor: "m1.small", keyName: "my_key" });
    expect(deployed.port.deviceId).toEqual(server.ID);
    expect(deployed.network.subnetCidrs).toEqual(["10.10.10.0/24"]);
    expect(deployed.network.dnsNameservers).toEqual(["8.8.8.8"]);
    expect(deployed.router).toMatchObject({ externalNetworkName: "public-net", interfaceSubnetCidrs: ["10.10.10.0/24"] });
    expect(deployed.floatingIp).toEqual({
      address: outputs.instance_ip,
      portId: deployed.port.id,
      fixedIp: deployed.port.fixedIp,
      networkName: "public-net",
    });
    expect(deployed.floatingIp.address).toMatch(/^203\.0\.113\.\d+$/);
    expect(deployed.port.securityGroupIds).toHaveLength(1);
    expect(await securityGroupRules(deployed.port.securityGroupIds[0])).toEqual(heat2dRules);

    await destroyAndCompare("components (SUCCESS)");
  }, 1_500_000);

  test("a FAILURE signal fails up with the instance's reason; destroy leaves nothing behind", async () => {
    const reason = "flasky did not start: pip install failed";
    const { result: up, signal } = await upSignalling({ status: "FAILURE", reason });
    expect(signal.status).toBe(200);
    reportTime("components up (FAILURE)", up.seconds);
    expect(up.status).not.toBe(0);
    expect(up.stdout + up.stderr).toContain(`received a FAILURE signal: ${reason}`);
    await destroyAndCompare("components (FAILURE)");
  }, 1_500_000);

  test("no signal within the wait condition's timeout fails up with a clear message; destroy leaves nothing behind", async () => {
    await under.stack.ok(["config", "set", "--stack", under.stack.stackName, "wait_timeout", "30"]);
    const up = await under.stack.up();
    reportTime("components up (timeout 30 s)", up.seconds);
    expect(up.status).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/timed out after 30 s waiting for 1 signal\(s\) on handle "flasky-wait-handle": 0 of 1 received/);
    await destroyAndCompare("components (timeout)");
  }, 1_500_000);
});
