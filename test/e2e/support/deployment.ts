/** Steps shared by the e2e tests that deploy heat_2d: find the new server, check it from outside, time steps. */
import { sendSignal } from "./instance";
import { Inventory, inventory, openstackJson, requireCloudUp, serverUserData } from "./openstack";
import { PulumiStack, RunResult } from "./pulumi";
import { TestReceiver } from "./receiver";

/** A stack under test: its signal receiver on loopback, the stack, and the cloud as it was before. */
export interface StackUnderTest {
  readonly receiver: TestReceiver;
  readonly stack: PulumiStack;
  readonly before: Inventory;
}

/**
 * Checks the cloud is up, starts a receiver, and inits `stackName` of `project` with `plain` and
 * `secret` config plus the receiver's; then lists the cloud. {@link removeStack} undoes it.
 */
export async function prepareStack(project: string, stackName: string, plain: Record<string, string>, secret: Record<string, string>): Promise<StackUnderTest> {
  requireCloudUp();
  const receiver = await TestReceiver.start();
  const stack = new PulumiStack(project, stackName);
  await stack.init({ ...plain, ...receiver.config }, { ...secret, ...receiver.secretConfig });
  return { receiver, stack, before: await inventory() };
}

/** Destroys and removes the stack, stops its receiver. */
export async function removeStack(under: StackUnderTest | undefined): Promise<void> {
  await under?.stack.remove();
  await under?.receiver.close();
}

/**
 * A server nova lists that was not in `before` and whose name matches, once it exists (polls every 3 s).
 * `deployment` is the running deployment: if it ends first, that is the error (with its output).
 */
export async function newServer(
  before: Inventory,
  name: RegExp,
  seconds: number,
  deployment: Promise<{ status: number | null; stdout: string; stderr: string }>,
): Promise<{ ID: string; Name: string }> {
  const deadline = Date.now() + seconds * 1000;
  let ended: string | undefined;
  void deployment.then(
    (result) => (ended = `the deployment ended (exit ${result.status}) before a server matching ${name} appeared:\n${result.stdout}\n${result.stderr}`),
    (error: Error) => (ended = `the deployment failed before a server matching ${name} appeared: ${error.message}`),
  );
  for (;;) {
    if (ended !== undefined) throw new Error(ended);
    const servers = await openstackJson<Array<{ ID: string; Name: string }>>("server", "list", "--all-projects");
    const found = servers.filter((server) => !before.servers.includes(server.ID) && name.test(server.Name));
    if (found.length > 1) throw new Error(`more than one new server matches ${name}: ${JSON.stringify(found)}`);
    if (found.length === 1) return found[0];
    if (Date.now() > deadline) throw new Error(`no new server matching ${name} appeared within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

export interface PulumiDeployment {
  readonly result: RunResult;
  readonly server: { ID: string; Name: string };
  readonly userData: string;
  /** What the played instance's signal was answered with. */
  readonly signal: { status: number; body: string };
}

/**
 * `pulumi up` of `stack`, playing the instance: once nova lists the new server named like `serverName`,
 * its user_data's curl_cli sends `signal`; then the up's result.
 */
export async function upPlayingInstance(stack: PulumiStack, before: Inventory, serverName: RegExp, signal: Record<string, unknown>): Promise<PulumiDeployment> {
  const up = stack.up();
  const server = await newServer(before, serverName, 600, up);
  const userData = await serverUserData(server.ID);
  const answer = await sendSignal(userData, signal);
  return { result: await up, server, userData, signal: answer };
}

/** The facts of a heat_2d deployment as the `openstack` CLI shows them. */
export interface DeployedFlasky {
  readonly server: { id: string; name: string; status: string; image: string; flavor: string; keyName: string };
  readonly port: { id: string; status: string; deviceId: string; networkId: string; fixedIp: string; securityGroupIds: string[] };
  readonly network: { id: string; subnetCidrs: string[]; dnsNameservers: string[] };
  readonly router: { id: string; externalNetworkName: string; interfaceSubnetCidrs: string[] };
  readonly floatingIp: { address: string; portId: string; fixedIp: string; networkName: string };
}

/** The CLI shows a server's image and flavor as "<name> (<id>)": the name. */
function withoutId(shown: string): string {
  return shown.replace(/ \([0-9a-f-]{36}\)$/, "");
}

/** Walks from the server to its port, network, subnet, router and floating IP. */
export async function inspectFlasky(serverId: string, floatingAddress: string): Promise<DeployedFlasky> {
  const server = await openstackJson<Record<string, any>>("server", "show", serverId);
  const ports = await openstackJson<Array<{ ID: string }>>("port", "list", "--server", serverId);
  if (ports.length !== 1) throw new Error(`server ${serverId} has ${ports.length} ports, expected 1`);
  const port = await openstackJson<Record<string, any>>("port", "show", ports[0].ID);
  const network = await openstackJson<Record<string, any>>("network", "show", port.network_id);
  const subnets = await Promise.all((network.subnets as string[]).map((id) => openstackJson<Record<string, any>>("subnet", "show", id)));
  const routerPorts = await openstackJson<Array<{ ID: string }>>("port", "list", "--network", port.network_id, "--device-owner", "network:router_interface");
  if (routerPorts.length !== 1) throw new Error(`network ${port.network_id} has ${routerPorts.length} router interfaces, expected 1`);
  const routerPort = await openstackJson<Record<string, any>>("port", "show", routerPorts[0].ID);
  const router = await openstackJson<Record<string, any>>("router", "show", routerPort.device_id);
  const externalNetwork = await openstackJson<{ name: string }>("network", "show", router.external_gateway_info.network_id);
  const floating = await openstackJson<Record<string, any>>("floating", "ip", "show", floatingAddress);
  const floatingNetwork = await openstackJson<{ name: string }>("network", "show", floating.floating_network_id);
  const cidrOf = (subnetId: string) => subnets.find((subnet) => subnet.id === subnetId)?.cidr ?? `unknown subnet ${subnetId}`;
  return {
    server: {
      id: server.id,
      name: server.name,
      status: server.status,
      image: withoutId(server.image),
      flavor: withoutId(server.flavor),
      keyName: server.key_name,
    },
    port: {
      id: port.id,
      status: port.status,
      deviceId: port.device_id,
      networkId: port.network_id,
      fixedIp: port.fixed_ips[0].ip_address,
      securityGroupIds: port.security_group_ids,
    },
    network: {
      id: network.id,
      subnetCidrs: subnets.map((subnet) => subnet.cidr),
      dnsNameservers: subnets.flatMap((subnet) => subnet.dns_nameservers),
    },
    router: {
      id: router.id,
      externalNetworkName: externalNetwork.name,
      interfaceSubnetCidrs: routerPort.fixed_ips.map((ip: { subnet_id: string }) => cidrOf(ip.subnet_id)),
    },
    floatingIp: { address: floating.floating_ip_address, portId: floating.port_id, fixedIp: floating.fixed_ip_address, networkName: floatingNetwork.name },
  };
}

/** Prints a measured step (collected in docs/e2e.md). */
export function reportTime(step: string, seconds: number): void {
  process.stdout.write(`e2e timing: ${step}: ${seconds.toFixed(1)} s\n`);
}
