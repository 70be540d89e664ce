import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { splitNameOrId } from "../nameOrId";

/** OS::Neutron::Net → openstack.networking.Network (heat/engine/resources/openstack/neutron/net.py). */
export const hotType = "OS::Neutron::Net";
export const pulumiType = "openstack:networking/network:Network";

/**
 * Schema defaults Heat sends to Neutron on create when a template leaves them out. Heat also
 * sends `name` = the physical resource name `<stack>-<resource>-<short id>`.
 */
export const heatDefaults = {
  adminStateUp: true,
  shared: false,
} as const;

/** A Neutron network known by both its ID and its name. */
export interface NetworkReference {
  readonly id: string;
  readonly name: string;
}

/**
 * Heat takes a network by name or ID wherever a network is expected (custom constraint
 * `neutron.network`, resolved with `find_resourceid_by_name_or_id`). Pulumi's resources want one
 * of the two in particular (a router wants the ID, a floating IP pool the name), so the network is
 * looked up: by ID when the value looks like a UUID, by name otherwise.
 */
export function lookupNetwork(
  nameOrId: pulumi.Input<string>,
  opts?: pulumi.InvokeOptions,
): pulumi.Output<NetworkReference> {
  const { id, name } = splitNameOrId(nameOrId);
  const found = openstack.networking.getNetworkOutput(
    { ...(id === undefined ? {} : { networkId: id }), ...(name === undefined ? {} : { name }) },
    opts,
  );
  return pulumi
    .all([found.id, found.name, nameOrId])
    .apply(([id, name, asked]) => ({ id, name: name ?? asked }));
}
