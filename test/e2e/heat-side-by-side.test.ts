// Side by side on the same loopback cloud: the tutorial's heat_2d.yaml deployed by Heat itself
// (`openstack stack create`, heat-api on 127.0.0.1:8004, with the one depends_on line of
// support/heat.ts) and by heatshift (HotStack under the real Pulumi engine, the file unchanged). The
// test plays the instance for both: it runs the curl_cli line of each server's user_data (Heat's
// handle URL, then heatshift's receiver on 127.0.0.1). Then it compares what the `openstack` CLI
// shows of both deployments; the differences that remain are in docs/e2e.md.
import * as path from "path";
import { DeployedFlasky, inspectFlasky, prepareStack, removeStack, reportTime, StackUnderTest, upPlayingInstance } from "./support/deployment";
import { createHeatStack, heat2dTemplate, templateForHeat } from "./support/heat";
import { signalCommand } from "./support/instance";
import { Inventory, inventory, openstack, openstackJson, RuleShape, securityGroupRules, settle } from "./support/openstack";

const image = "cirros-0.3.3-x86_64";
const gmailUsername = "heatshift-e2e";
const gmailPassword = `pw-${Date.now().toString(36)}-side-by-side`;
const heatStackName = `heat-side-${process.pid}`;

let under: StackUnderTest;
let heatCreated = false;

beforeAll(async () => {
  const plain = { template: heat2dTemplate, image, gmail_username: gmailUsername };
  under = await prepareStack(path.join(__dirname, "projects", "hotstack"), `side-by-side-${process.pid}`, plain, { gmail_password: gmailPassword });
}, 300_000);

afterAll(async () => {
  if (heatCreated) await openstack("stack", "delete", "--yes", "--wait", heatStackName).catch(() => undefined);
  await removeStack(under);
}, 600_000);

/** One deployment as the CLI shows it, reduced to what both should share, plus what may differ. */
interface Side {
  readonly deployed: DeployedFlasky;
  readonly rules: RuleShape[];
  readonly securityGroupName: string;
  readonly outputs: Record<string, unknown>;
  readonly userData: string;
  readonly created: Record<keyof Inventory, number>;
  readonly names: Record<string, string>;
}

async function describeSide(serverId: string, outputs: Record<string, unknown>, userData: string): Promise<Side> {
  const deployed = await inspectFlasky(serverId, String(outputs.instance_ip));
  const groupId = deployed.port.securityGroupIds[0];
  const group = await openstackJson<{ name: string }>("security", "group", "show", groupId);
  const network = await openstackJson<{ name: string }>("network", "show", deployed.port.networkId);
  const router = await openstackJson<{ name: string }>("router", "show", deployed.router.id);
  const now = await inventory();
  const created = Object.fromEntries(
    (Object.keys(now) as Array<keyof Inventory>).map((kind) => [kind, now[kind].filter((id) => !under.before[kind].includes(id)).length]),
  ) as Record<keyof Inventory, number>;
  return {
    deployed,
    rules: await securityGroupRules(groupId),
    securityGroupName: group.name,
    outputs,
    userData,
    created,
    names: { server: deployed.server.name, network: network.name, router: router.name },
  };
}

/** The parts of a deployment that must not differ between Heat and heatshift (IDs and addresses do). */
function comparable(side: Side) {
  const { deployed } = side;
  return {
    server: { status: deployed.server.status, image: deployed.server.image, flavor: deployed.server.flavor, keyName: deployed.server.keyName },
    port: { status: deployed.port.status, onServer: deployed.port.deviceId === deployed.server.id, securityGroups: deployed.port.securityGroupIds.length },
    network: { subnetCidrs: deployed.network.subnetCidrs, dnsNameservers: deployed.network.dnsNameservers },
    router: { externalNetworkName: deployed.router.externalNetworkName, interfaceSubnetCidrs: deployed.router.interfaceSubnetCidrs },
    floatingIp: { onPort: deployed.floatingIp.portId === deployed.port.id, fixedIp: deployed.floatingIp.fixedIp === deployed.port.fixedIp, network: deployed.floatingIp.networkName },
    securityGroup: { name: side.securityGroupName, rules: side.rules },
    outputs: { instance_name: side.outputs.instance_name === deployed.server.name, instance_ip: side.outputs.instance_ip === deployed.floatingIp.address },
    created: side.created,
    // The script is the same but for the random flask secret key and the handle's curl_cli.
    userData: side.userData.replace(/^SECRET_KEY=.*$/m, "SECRET_KEY=<random>").replace(signalCommand(side.userData), "<curl_cli>"),
  };
}

describe("heat_2d.yaml: Heat and heatshift side by side on the loopback OpenStack", () => {
  test("both deploy the same resources, properties and outputs; both deletions restore the cloud", async () => {
    // Heat: create, play the instance with Heat's own curl_cli, wait for CREATE_COMPLETE.
    heatCreated = true;
    const heatParameters = { image, gmail_username: gmailUsername, gmail_password: gmailPassword };
    const heatDeployment = await createHeatStack(heatStackName, templateForHeat(under.receiver.dir), heatParameters, under.before);
    const heatUserData = heatDeployment.userData;
    expect(signalCommand(heatUserData)).toMatch(/ http:\/\/127\.0\.0\.1:8004\/v1\/[0-9a-f]{32}\/stacks\/.+\/resources\/wait_handle\/signal$/);
    expect(heatDeployment.signalStatus).toBe(200);
    reportTime("Heat stack create --wait", heatDeployment.seconds);
    const heatStack = await openstackJson<{ stack_status: string; outputs: Array<{ output_key: string; output_value: unknown }> }>(
      "stack", "show", heatStackName,
    );
    expect(heatStack.stack_status).toEqual("CREATE_COMPLETE");
    const heatOutputs = Object.fromEntries(heatStack.outputs.map((output) => [output.output_key, output.output_value]));
    const heat = await describeSide(heatDeployment.serverId, heatOutputs, heatUserData);

    // heatshift: the same template through HotStack while Heat's stack stays up.
    const atHeat = await inventory();
    const { result, server, userData, signal } = await upPlayingInstance(under.stack, atHeat, /^heat_2d-flasky_instance-/, { status: "SUCCESS" });
    expect(signal.status).toBe(200);
    if (result.status !== 0) throw new Error(`up failed (exit ${result.status})\n${result.stdout}\n${result.stderr}`);
    reportTime("heatshift HotStack up", result.seconds);
    const heatshiftSide = await describeSide(server.ID, await under.stack.outputs(), userData);
    const heatshift = { ...heatshiftSide, created: Object.fromEntries(Object.entries(heatshiftSide.created).map(([kind, count]) => [kind, count - heat.created[kind as keyof Inventory]])) as Side["created"] };

    process.stdout.write(`side by side names: heat ${JSON.stringify(heat.names)} heatshift ${JSON.stringify(heatshift.names)}\n`);
    process.stdout.write(`side by side created: heat ${JSON.stringify(heat.created)} heatshift ${JSON.stringify(heatshift.created)}\n`);
    expect(comparable(heatshift)).toEqual(comparable(heat));

    const deleteStarted = Date.now();
    await openstack("stack", "delete", "--yes", "--wait", heatStackName);
    heatCreated = false;
    reportTime("Heat stack delete --wait", (Date.now() - deleteStarted) / 1000);
    const destroyed = await under.stack.destroy();
    if (destroyed.status !== 0) throw new Error(`destroy failed:\n${destroyed.stdout}\n${destroyed.stderr}`);
    reportTime("heatshift HotStack destroy", destroyed.seconds);
    expect(await settle(under.before, 60, inventory)).toEqual(under.before);
  }, 1_700_000);
});
