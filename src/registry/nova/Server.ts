import type * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { isUuidLike, splitNameOrId } from "../nameOrId";

/** OS::Nova::Server → openstack.compute.Instance (heat/engine/resources/openstack/nova/server.py). */
export const hotType = "OS::Nova::Server";
export const pulumiType = "openstack:compute/instance:Instance";

/** Heat's `user_data_format` values; Heat's default is `HEAT_CFNTOOLS` (config `default_user_data_format`). */
export const userDataFormats = ["HEAT_CFNTOOLS", "RAW", "SOFTWARE_CONFIG"] as const;
export type UserDataFormat = (typeof userDataFormats)[number];

/** One entry of a server's `networks`: a network to create a port on, or an existing port. */
export interface ServerNetwork {
  /** Name or ID of the network to create a port on (Heat's `network`). */
  readonly network?: pulumi.Input<string>;
  /** ID of an existing port (Heat's `port`). */
  readonly port?: pulumi.Input<string>;
  /** Fixed IP for the port created on `network`; Heat ignores it when `port` is given. */
  readonly fixedIp?: pulumi.Input<string>;
}

/**
 * The user_data Nova receives for `format`. RAW passes it verbatim (nova.py `build_userdata`);
 * the other formats wrap it in a multipart MIME of Heat's own boot scripts, which heatshift does
 * not build.
 */
export function userDataFor(format: UserDataFormat, userData: pulumi.Input<string>): pulumi.Input<string> {
  if (format !== "RAW") {
    throw new Error(
      `user_data_format ${format} is not supported: heatshift passes user_data to Nova unchanged, which is Heat's RAW; ` +
        "use RAW (and move software configuration into the user_data script)",
    );
  }
  return userData;
}

/**
 * Heat's rule that security groups cannot be given to a server whose networks name explicit ports
 * (server.py `_validate_network`): the groups belong on the ports.
 */
export function validateNetworks(networks: readonly ServerNetwork[], securityGroups: readonly unknown[], where: string): void {
  networks.forEach((entry, index) => {
    if ((entry.network === undefined) === (entry.port === undefined)) {
      throw new Error(
        `${where}.networks[${index}] has ${entry.network === undefined ? "neither" : "both"} network and port; ` +
          "give exactly one: network (name or ID) to create a port, or port (ID) to use an existing one",
      );
    }
  });
  if (securityGroups.length > 0 && networks.some((entry) => entry.port !== undefined)) {
    throw new Error(
      `${where}.securityGroups cannot be combined with networks given by port (Heat: ResourcePropertyConflict ` +
        "security_groups/networks/port); put the security groups on the port instead",
    );
  }
}

/**
 * The provider's network entry for a Heat network entry: an existing port by ID; otherwise the
 * network by UUID (when the value looks like one) or by name, which the provider resolves, with
 * the fixed IP as v4 or v6 as Heat decides (`netutils.is_valid_ipv6`).
 */
export function instanceNetworkArgs(entry: ServerNetwork): pulumi.Input<openstack.types.input.compute.InstanceNetwork> {
  if (entry.port !== undefined) {
    return { port: entry.port };
  }
  return pulumi.all([entry.network as pulumi.Input<string>, entry.fixedIp]).apply(([network, fixedIp]) => ({
    ...(isUuidLike(network) ? { uuid: network } : { name: network }),
    ...(fixedIp === undefined ? {} : fixedIp.includes(":") ? { fixedIpV6: fixedIp } : { fixedIpV4: fixedIp }),
  }));
}

/**
 * Heat resolves `image` by ID or name (Glance); the provider takes `imageId` or `imageName`.
 * Glance IDs are UUIDs, so a UUID-like value is taken as the ID.
 */
export function imageArgs(image: pulumi.Input<string>): { imageId?: pulumi.Input<string>; imageName?: pulumi.Input<string> } {
  const { id, name } = splitNameOrId(image);
  return { ...(id === undefined ? {} : { imageId: id }), ...(name === undefined ? {} : { imageName: name }) };
}

/**
 * Heat resolves `flavor` by ID first, then by name (nova.py `get_flavor`); the provider takes
 * `flavorId` or `flavorName`. Nova flavor IDs are UUIDs or small integers, so those are taken as IDs.
 */
export function flavorArgs(flavor: pulumi.Input<string>): { flavorId?: pulumi.Input<string>; flavorName?: pulumi.Input<string> } {
  const { id, name } = splitNameOrId(flavor, (v) => isUuidLike(v) || /^[0-9]+$/.test(v));
  return { ...(id === undefined ? {} : { flavorId: id }), ...(name === undefined ? {} : { flavorName: name }) };
}

/**
 * Heat's `first_address` (nova.py `server_to_ipaddress`): the server's networks are keyed by
 * network name and taken in *reverse* sorted order; the first address of the first network that
 * has one wins; `""` when none has.
 */
export function firstAddress(networks: readonly openstack.types.output.compute.InstanceNetwork[]): string {
  const byName = new Map<string, string[]>();
  for (const nic of networks) {
    const addresses = byName.get(nic.name) ?? [];
    addresses.push(...[nic.fixedIpV4, nic.fixedIpV6].filter((a): a is string => typeof a === "string" && a !== ""));
    byName.set(nic.name, addresses);
  }
  const names = [...byName.keys()].sort().reverse();
  for (const name of names) {
    const addresses = byName.get(name) as string[];
    if (addresses.length > 0) {
      return addresses[0];
    }
  }
  return "";
}
