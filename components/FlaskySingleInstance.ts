import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import * as port from "../src/registry/neutron/Port";
import { FlaskyServer } from "./FlaskyServer";
import { FloatingIp } from "./FloatingIp";
import { PrivateNetwork } from "./PrivateNetwork";
import { WaitCondition } from "./WaitCondition";
import { SignalReceiverArgs, WaitConditionHandle } from "./WaitConditionHandle";
import { SecurityGroupRule, WebSecurityGroup } from "./WebSecurityGroup";
import { childOptions } from "./childOptions";

/** heat_2d's wait: the server's script ends by signalling success to a handle, and the deployment waits for it. */
export interface FlaskyWaitConditionArgs {
  /**
   * Seconds to wait for the signal, 1..43200.
   * @default 600 (heat_2d's timeout)
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Success signals to wait for.
   * @default 1
   */
  readonly count?: pulumi.Input<number>;
  /**
   * The signal receiver holding the handle.
   * @default - stack config heatshift:signalReceiverUrl / heatshift:signalAdminToken, else the
   * environment (see WaitConditionHandle)
   */
  readonly receiver?: SignalReceiverArgs;
}

export interface FlaskySingleInstanceArgs {
  /** Name or ID of the image (an Ubuntu; the tutorial's default is trusty-server-cloudimg-amd64). */
  readonly image: pulumi.Input<string>;
  /** Name or ID of the flavor (the tutorial's default is m1.small). */
  readonly flavor: pulumi.Input<string>;
  /**
   * Name of the key pair to install (the tutorial's default is my_key).
   * @default - no key pair
   */
  readonly keyName?: pulumi.Input<string>;
  /** Name or ID of the external network for the router gateway and the floating IP (the tutorial's public_network). */
  readonly publicNetwork: pulumi.Input<string>;
  /** Gmail account the app sends notifications from. */
  readonly gmailUsername: pulumi.Input<string>;
  /** Password of that account; always treated as a secret. */
  readonly gmailPassword: pulumi.Input<string>;
  /**
   * CIDR of the private subnet.
   * @default "10.10.10.0/24"
   */
  readonly cidr?: pulumi.Input<string>;
  /**
   * DNS name servers of the private subnet.
   * @default ["8.8.8.8"]
   */
  readonly dnsNameservers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Rules of the web server's security group.
   * @default webServerRules (ICMP, TCP 22, 443, 80 ingress)
   */
  readonly securityGroupRules?: readonly SecurityGroupRule[];
  /**
   * Wait for the server to report that Flasky is up, as heat_2d does: a WaitConditionHandle whose
   * `curlCli` replaces `wc_notify` in the script, and a WaitCondition on it.
   * @default - no wait condition (heat_2c)
   */
  readonly waitCondition?: FlaskyWaitConditionArgs;
}

/**
 * The Heat tutorial's heat_2c as one component: a private network routed to the public one, the web
 * server security group, a port on the private network with that group, the Flasky server on the
 * port, and a floating IP for the port. With `waitCondition` it is heat_2d.
 */
export class FlaskySingleInstance extends pulumi.ComponentResource {
  /** Name of the server (heat_2c's `instance_name` output). */
  readonly instanceName: pulumi.Output<string>;
  /** The public address of the server: the floating IP (heat_2c's `instance_ip` output). */
  readonly instanceIp: pulumi.Output<string>;
  /** The wait condition's `data` (e.g. `{"1": null}`); undefined without `waitCondition`. */
  readonly waitConditionData: pulumi.Output<string> | undefined;

  constructor(name: string, args: FlaskySingleInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:FlaskySingleInstance", name, {}, opts);
    // Check before any child exists, so a bad call leaves nothing half-registered.
    for (const key of ["image", "flavor", "publicNetwork", "gmailUsername", "gmailPassword"] as const) {
      if (args[key] === undefined || args[key] === "") {
        throw new Error(
          `FlaskySingleInstance ${name}: ${key} is ${JSON.stringify(args[key])}; expected a non-empty value ` +
            "(the tutorial's parameters image, flavor, public_network, gmail_username, gmail_password)",
        );
      }
    }

    const child = childOptions(this, opts);
    const securityGroup = new WebSecurityGroup(
      `${name}-secgroup`,
      args.securityGroupRules === undefined ? {} : { rules: args.securityGroupRules },
      child,
    );
    const network = new PrivateNetwork(
      `${name}-network`,
      {
        publicNetwork: args.publicNetwork,
        ...(args.cidr === undefined ? {} : { cidr: args.cidr }),
        ...(args.dnsNameservers === undefined ? {} : { dnsNameservers: args.dnsNameservers }),
      },
      child,
    );
    // Heat makes a port wait for the subnets of its network (port.py add_dependencies).
    const serverPort = new openstack.networking.Port(
      `${name}-port`,
      {
        networkId: network.networkId,
        adminStateUp: port.heatDefaults.adminStateUp,
        ...port.portSecurityGroupArgs([securityGroup.securityGroupId]),
      },
      pulumi.mergeOptions(child, { dependsOn: [network.subnet] }),
    );
    // heat_2d: wait_handle, and wait_condition on it (count 1, timeout 600). As in the template,
    // the condition waits on the handle only: its timeout runs from the start, not from the server.
    const waitHandle =
      args.waitCondition === undefined
        ? undefined
        : new WaitConditionHandle(
            `${name}-wait-handle`,
            args.waitCondition.receiver === undefined ? {} : { receiver: args.waitCondition.receiver },
            child,
          );
    const waitCondition =
      waitHandle === undefined
        ? undefined
        : new WaitCondition(
            `${name}-wait-condition`,
            { handle: waitHandle, count: args.waitCondition?.count ?? 1, timeoutSeconds: args.waitCondition?.timeoutSeconds ?? 600 },
            child,
          );
    const server = new FlaskyServer(
      `${name}-server`,
      {
        image: args.image,
        flavor: args.flavor,
        ...(args.keyName === undefined ? {} : { keyName: args.keyName }),
        networks: [{ port: serverPort.id }],
        gmailUsername: args.gmailUsername,
        gmailPassword: args.gmailPassword,
        ...(waitHandle === undefined ? {} : { waitConditionCurlCli: waitHandle.curlCli }),
      },
      child,
    );
    // Heat makes the floating IP wait for the router with the gateway; the association also needs
    // the subnet on the router, which Heat leaves to chance: wait for the router interface.
    const floatingIp = new FloatingIp(
      `${name}-floating-ip`,
      { publicNetwork: args.publicNetwork, portId: serverPort.id },
      pulumi.mergeOptions(child, { dependsOn: [network.routerInterface] }),
    );

    this.instanceName = server.instanceName;
    this.instanceIp = floatingIp.address;
    this.waitConditionData = waitCondition?.data;
    this.registerOutputs({ instanceName: this.instanceName, instanceIp: this.instanceIp, waitConditionData: this.waitConditionData });
  }
}
