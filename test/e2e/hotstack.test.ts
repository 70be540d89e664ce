// The tutorial's heat_2d.yaml, unchanged, imported by HotStack (test/e2e/projects/hotstack) and
// deployed by the real Pulumi engine on the loopback OpenStack; checked from outside with the
// `openstack` CLI. The test plays the instance as in flasky.test.ts: it runs the curl_cli line of
// the user_data nova holds against a signal receiver on 127.0.0.1.
import * as path from "path";
import { inspectFlasky, prepareStack, removeStack, reportTime, StackUnderTest, upPlayingInstance } from "./support/deployment";
import { heat2dTemplate } from "./support/heat";
import { inventory, openstackJson, securityGroupRules, settle } from "./support/openstack";

const project = path.join(__dirname, "projects", "hotstack");
const image = "cirros-0.3.3-x86_64";
const gmailUsername = "heatshift-e2e";
const gmailPassword = `pw-${Date.now().toString(36)}-not-in-state`;

let under: StackUnderTest;

beforeAll(async () => {
  under = await prepareStack(project, `hotstack-${process.pid}`, { template: heat2dTemplate, image, gmail_username: gmailUsername }, { gmail_password: gmailPassword });
}, 300_000);

afterAll(() => removeStack(under), 600_000);

describe("heat_2d.yaml through HotStack on the loopback OpenStack", () => {
  test("up completes once the instance signals; resources, rules and outputs as the template says; destroy restores the cloud", async () => {
    const { result, server, userData, signal } = await upPlayingInstance(under.stack, under.before, /^heat_2d-flasky_instance-/, { status: "SUCCESS" });
    expect(userData).toContain(`MAIL_PASSWORD=${gmailPassword}\n`);
    expect(userData).toContain(`FLASKY_ADMIN=${gmailUsername}@gmail.com\n`);
    expect(userData).not.toMatch(/__\w+__|wc_notify/);
    expect(signal.status).toBe(200);
    if (result.status !== 0) throw new Error(`up failed (exit ${result.status})\n${result.stdout}\n${result.stderr}`);
    reportTime("HotStack up", result.seconds);

    const outputs = await under.stack.outputs();
    const deployed = await inspectFlasky(server.ID, String(outputs.instance_ip));
    expect(outputs).toEqual({ instance_name: server.Name, instance_ip: deployed.floatingIp.address });
    expect(deployed.server).toEqual({ id: server.ID, name: server.Name, status: "ACTIVE", image, flavor: "m1.small", keyName: "my_key" });
    expect(deployed.port.deviceId).toEqual(server.ID);
    expect(deployed.network.subnetCidrs).toEqual(["10.10.10.0/24"]);
    expect(deployed.network.dnsNameservers).toEqual(["8.8.8.8"]);
    expect(deployed.router).toMatchObject({ externalNetworkName: "public-net", interfaceSubnetCidrs: ["10.10.10.0/24"] });
    expect(deployed.floatingIp).toEqual({ address: outputs.instance_ip, portId: deployed.port.id, fixedIp: deployed.port.fixedIp, networkName: "public-net" });
    expect(deployed.port.securityGroupIds).toHaveLength(1);
    const group = await openstackJson<{ name: string }>("security", "group", "show", deployed.port.securityGroupIds[0]);
    expect(group.name).toEqual("web_server_security_group");
    const rules = await securityGroupRules(deployed.port.securityGroupIds[0]);
    expect(rules.filter((rule) => rule.direction === "ingress").map((rule) => [rule.protocol, rule.portRangeMin, rule.portRangeMax])).toEqual(
      [["icmp", null, null], ["tcp", 22, 22], ["tcp", 443, 443], ["tcp", 80, 80]].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );

    const destroyed = await under.stack.destroy();
    if (destroyed.status !== 0) throw new Error(`destroy failed:\n${destroyed.stdout}\n${destroyed.stderr}`);
    reportTime("HotStack destroy", destroyed.seconds);
    expect(await settle(under.before, 60, inventory)).toEqual(under.before);
  }, 1_500_000);
});
