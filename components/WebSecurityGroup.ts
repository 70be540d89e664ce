import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import {
  SecurityGroupRule,
  deletesDefaultEgressRules,
  secGroupRuleArgs,
  validateGroupName,
  validateRule,
} from "../src/registry/neutron/SecurityGroup";
import { childOptions } from "./childOptions";

export type { SecurityGroupRule } from "../src/registry/neutron/SecurityGroup";

/** The tutorial's rules in heat_2c/2d order: ICMP, then SSH (22), HTTPS (443) and HTTP (80), all ingress from anywhere. */
export const webServerRules: readonly SecurityGroupRule[] = [
  { protocol: "icmp" },
  { protocol: "tcp", portRangeMin: 22, portRangeMax: 22 },
  { protocol: "tcp", portRangeMin: 443, portRangeMax: 443 },
  { protocol: "tcp", portRangeMin: 80, portRangeMax: 80 },
];

export interface WebSecurityGroupArgs {
  /**
   * Name of the security group; `default` is refused, as Heat does.
   * @default "web_server_security_group" (the tutorial's name)
   */
  readonly groupName?: pulumi.Input<string>;
  /**
   * Description of the security group.
   * @default - none
   */
  readonly description?: pulumi.Input<string>;
  /**
   * The rules, with Heat's defaults: ingress, IPv4, remote mode `remote_ip_prefix` with any address.
   * Neutron's two allow-all egress rules stay unless a rule here is egress (then they are deleted, as Heat does).
   * @default webServerRules (ICMP, TCP 22, 443, 80)
   */
  readonly rules?: readonly SecurityGroupRule[];
}

/**
 * The tutorial's `web_server_security_group` (OS::Neutron::SecurityGroup): a Neutron security group
 * and one rule per entry of `rules`, created with Heat's defaults.
 */
export class WebSecurityGroup extends pulumi.ComponentResource {
  /** ID of the security group. */
  readonly securityGroupId: pulumi.Output<string>;
  /** Name of the security group. */
  readonly securityGroupName: pulumi.Output<string>;

  constructor(name: string, args: WebSecurityGroupArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:WebSecurityGroup", name, {}, opts);
    const child = childOptions(this, opts);
    const rules = args.rules ?? webServerRules;
    rules.forEach((rule, index) => validateRule(rule, `WebSecurityGroup ${name}: rules[${index}]`));
    const groupName = args.groupName ?? "web_server_security_group";
    if (typeof groupName === "string") {
      validateGroupName(groupName);
    }

    const group = new openstack.networking.SecGroup(
      `${name}-secgroup`,
      {
        name:
          typeof groupName === "string"
            ? groupName
            : pulumi.output(groupName).apply((value) => {
                validateGroupName(value);
                return value;
              }),
        ...(args.description === undefined ? {} : { description: args.description }),
        deleteDefaultRules: deletesDefaultEgressRules(rules),
      },
      child,
    );
    rules.forEach(
      (rule, index) =>
        new openstack.networking.SecGroupRule(`${name}-rule-${index}`, secGroupRuleArgs(rule, group.id), child),
    );

    this.securityGroupId = group.id;
    this.securityGroupName = group.name;
    this.registerOutputs({ securityGroupId: this.securityGroupId, securityGroupName: this.securityGroupName });
  }
}
