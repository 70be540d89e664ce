import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { lookupNetwork } from "../src/registry/neutron/Net";
import { childOptions } from "./childOptions";

export interface FloatingIpArgs {
  /** Name or ID of the external network to allocate the address from (Heat's `floating_network`). */
  readonly publicNetwork: pulumi.Input<string>;
  /** ID of the port the address is associated with (Heat's FloatingIPAssociation `port_id`). */
  readonly portId: pulumi.Input<string>;
}

/**
 * A public address for a port, as in the Heat tutorial's `floating_ip` (OS::Neutron::FloatingIP) and
 * `floating_ip_assoc` (OS::Neutron::FloatingIPAssociation): a floating IP allocated from the public
 * network, then associated with the port.
 */
export class FloatingIp extends pulumi.ComponentResource {
  /** The allocated public address (Heat's `floating_ip_address` attribute). */
  readonly address: pulumi.Output<string>;
  /** ID of the floating IP. */
  readonly floatingIpId: pulumi.Output<string>;

  constructor(name: string, args: FloatingIpArgs, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:FloatingIp", name, {}, opts);
    const child = childOptions(this, opts);
    for (const key of ["publicNetwork", "portId"] as const) {
      if (args[key] === undefined || args[key] === "") {
        throw new Error(
          `FloatingIp ${name}: ${key} is ${JSON.stringify(args[key])}; expected ` +
            (key === "publicNetwork" ? "the name or ID of the external network" : "the ID of the port to give the address to"),
        );
      }
    }

    const pool = lookupNetwork(args.publicNetwork, { parent: this });
    const floatingIp = new openstack.networking.FloatingIp(`${name}-fip`, { pool: pool.name }, child);
    new openstack.networking.FloatingIpAssociate(
      `${name}-assoc`,
      { floatingIp: floatingIp.address, portId: args.portId },
      child,
    );

    this.address = floatingIp.address;
    this.floatingIpId = floatingIp.id;
    this.registerOutputs({ address: this.address, floatingIpId: this.floatingIpId });
  }
}
