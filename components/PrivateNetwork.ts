import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { lookupNetwork } from "../src/registry/neutron/Net";
import * as net from "../src/registry/neutron/Net";
import * as router from "../src/registry/neutron/Router";
import * as subnet from "../src/registry/neutron/Subnet";
import { childOptions } from "./childOptions";

export interface PrivateNetworkArgs {
  /** Name or ID of the external network the router's gateway is set on (Heat's `external_gateway_info.network`). */
  readonly publicNetwork: pulumi.Input<string>;
  /**
   * CIDR of the private subnet.
   * @default "10.10.10.0/24"
   */
  readonly cidr?: pulumi.Input<string>;
  /**
   * DNS name servers handed out by the subnet's DHCP.
   * @default ["8.8.8.8"]
   */
  readonly dnsNameservers?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * A private network routed to a public one, as in the Heat tutorial (heat_2c's `private_network`,
 * `private_subnet`, `router` and `router-interface`): an OS::Neutron::Net, a Subnet on it, a Router
 * whose external gateway is on the public network, and the RouterInterface joining the subnet to
 * the router.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
  /** ID of the private network. */
  readonly networkId: pulumi.Output<string>;
  /** Name of the private network, as Neutron reports it (Heat's `name` attribute of the Net). */
  readonly networkName: pulumi.Output<string>;
  /** ID of the private subnet. */
  readonly subnetId: pulumi.Output<string>;
  /** ID of the router. */
  readonly routerId: pulumi.Output<string>;
  /** The subnet: Heat makes ports and servers on the network wait for it, so should you (`dependsOn`). */
  readonly subnet: openstack.networking.Subnet;
  /** The router interface: a floating IP for a port on the subnet works once it exists (`dependsOn`). */
  readonly routerInterface: openstack.networking.RouterInterface;

  constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:PrivateNetwork", name, {}, opts);
    const child = childOptions(this, opts);
    if (args.publicNetwork === undefined || args.publicNetwork === "") {
      throw new Error(
        `PrivateNetwork ${name}: publicNetwork is ${JSON.stringify(args.publicNetwork)}; expected the name or ID of ` +
          'the external network for the router gateway (the tutorial\'s public_network, e.g. "public")',
      );
    }

    const network = new openstack.networking.Network(
      `${name}-net`,
      { adminStateUp: net.heatDefaults.adminStateUp, shared: net.heatDefaults.shared },
      child,
    );
    this.subnet = new openstack.networking.Subnet(
      `${name}-subnet`,
      {
        networkId: network.id,
        cidr: args.cidr ?? "10.10.10.0/24",
        dnsNameservers: args.dnsNameservers ?? ["8.8.8.8"],
        ipVersion: subnet.heatDefaults.ipVersion,
        enableDhcp: subnet.heatDefaults.enableDhcp,
      },
      child,
    );
    const gateway = lookupNetwork(args.publicNetwork, { parent: this });
    const gatewayRouter = new openstack.networking.Router(
      `${name}-router`,
      { adminStateUp: router.heatDefaults.adminStateUp, externalNetworkId: gateway.id },
      child,
    );
    this.routerInterface = new openstack.networking.RouterInterface(
      `${name}-router-interface`,
      { routerId: gatewayRouter.id, subnetId: this.subnet.id },
      child,
    );

    this.networkId = network.id;
    this.networkName = network.name;
    this.subnetId = this.subnet.id;
    this.routerId = gatewayRouter.id;
    this.registerOutputs({ networkId: this.networkId, networkName: this.networkName, subnetId: this.subnetId, routerId: this.routerId });
  }
}
