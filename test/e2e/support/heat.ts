/**
 * heat_2d deployed by Heat itself on the loopback OpenStack (`openstack stack create --wait`), the
 * instance played with Heat's own curl_cli. Heat gets the template with one line added:
 * floating_ip_assoc `depends_on` router-interface. Without it Heat races (the association may run
 * before the subnet is on the router and fail "External network ... is not reachable from
 * subnet"); heatshift adds that dependency itself (docs/importer.md).
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { newServer } from "./deployment";
import { sendSignal } from "./instance";
import { Inventory, openstack, openstackJson, serverUserData } from "./openstack";

/** The tutorial's heat_2d.yaml as the tests and benchmarks deploy it. */
export const heat2dTemplate = path.join(__dirname, "..", "..", "fixtures", "flasky", "heat_2d.yaml");

/** heat_2d.yaml for Heat, written into `dir`: the floating IP association waits for the router interface. */
export function templateForHeat(dir: string): string {
  const document = YAML.parse(fs.readFileSync(heat2dTemplate, "utf8"));
  document.resources.floating_ip_assoc.depends_on = "router-interface";
  const file = path.join(dir, "heat_2d-for-heat.yaml");
  fs.writeFileSync(file, YAML.stringify(document));
  return file;
}

export interface HeatDeployment {
  readonly serverId: string;
  readonly userData: string;
  /** From `stack create` to CREATE_COMPLETE, in seconds. */
  readonly seconds: number;
  /** The HTTP status Heat's signal URL answered the played instance with. */
  readonly signalStatus: number;
}

/**
 * Creates `stackName` from `template` with `parameters`, plays the instance (SUCCESS on Heat's
 * wait handle) once nova lists the server, and waits for CREATE_COMPLETE; a failure carries
 * Heat's stack_status_reason.
 */
export async function createHeatStack(stackName: string, template: string, parameters: Record<string, string>, before: Inventory): Promise<HeatDeployment> {
  const started = Date.now();
  const created = openstack("stack", "create", "--wait", "-t", template, ...Object.entries(parameters).flatMap(([k, v]) => ["--parameter", `${k}=${v}`]), stackName);
  const asDeployment = created.then(() => ({ status: 0, stdout: "openstack stack create --wait returned", stderr: "" }));
  const server = await newServer(before, new RegExp(`^${stackName}-flasky_instance-`), 600, asDeployment);
  const userData = await serverUserData(server.ID);
  const signal = await sendSignal(userData, { status: "SUCCESS" });
  await created.catch(async (error: Error) => {
    const shown = await openstackJson<{ stack_status_reason: string }>("stack", "show", stackName);
    throw new Error(`${error.message}\nHeat says: ${shown.stack_status_reason}`);
  });
  return { serverId: server.ID, userData, seconds: (Date.now() - started) / 1000, signalStatus: signal.status };
}

/**
 * Deletes what an abandoned heat_2d stack left in the cloud, by the physical IDs of its resources
 * (HOT name → ID, as `openstack stack resource list` shows them), in dependency order; each step
 * ignores a resource already gone. For clean-up when a test stops between abandon and adoption.
 */
export async function deleteAbandonedFlasky(physical: Readonly<Record<string, string>>): Promise<void> {
  const quietly = (...args: string[]) => openstack(...args).catch(() => undefined);
  if (physical.flasky_instance) await quietly("server", "delete", "--wait", physical.flasky_instance);
  if (physical.floating_ip) await quietly("floating", "ip", "delete", physical.floating_ip);
  if (physical.router && physical.private_subnet) await quietly("router", "remove", "subnet", physical.router, physical.private_subnet);
  if (physical.router) await quietly("router", "delete", physical.router);
  if (physical.flasky_port) await quietly("port", "delete", physical.flasky_port);
  if (physical.private_subnet) await quietly("subnet", "delete", physical.private_subnet);
  if (physical.private_network) await quietly("network", "delete", physical.private_network);
  if (physical.web_server_security_group) await quietly("security", "group", "delete", physical.web_server_security_group);
}
