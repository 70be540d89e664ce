/**
 * OS::Neutron::SecurityGroupRule → openstack.networking.SecGroupRule
 * (heat/engine/resources/openstack/neutron/security_group_rule.py).
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { PropertiesSchema, PropertyProblem, RegistryEntry } from "../types";

/** Protocol names Heat accepts besides the numbers 0-255. */
const protocolNames = [
  "ah", "dccp", "egp", "esp", "gre", "icmp", "icmpv6", "igmp", "ipv6-encap", "ipv6-frag", "ipv6-icmp",
  "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp",
];

export const properties: PropertiesSchema = {
  security_group: { type: "String", required: true },
  description: { type: "String" },
  direction: { type: "String", default: "ingress", allowed: ["ingress", "egress"] },
  ethertype: { type: "String", default: "IPv4", allowed: ["IPv4", "IPv6"] },
  port_range_min: { type: "Integer", range: { min: 0, max: 65535 } },
  port_range_max: { type: "Integer", range: { min: 0, max: 65535 } },
  protocol: { type: "String", default: "tcp" },
  remote_group: { type: "String" },
  remote_ip_prefix: { type: "String" },
};

export const securityGroupRuleEntry: RegistryEntry = {
  type: "OS::Neutron::SecurityGroupRule",
  pulumiTypes: ["openstack:networking/secGroupRule:SecGroupRule"],
  properties,
  attributes: {},
  validate(props) {
    const problems: PropertyProblem[] = [];
    const protocol = props.protocol;
    if (typeof protocol === "string" && !protocolNames.includes(protocol) && !(/^\d+$/.test(protocol) && Number(protocol) <= 255)) {
      problems.push({ message: `protocol "${protocol}" is not one of ${protocolNames.join(", ")} or a number 0-255`, path: ["protocol"] });
    }
    if (props.remote_group !== undefined && props.remote_ip_prefix !== undefined) {
      problems.push({ message: `remote_group and remote_ip_prefix cannot both be given (Heat: ResourcePropertyConflict)`, path: ["remote_group"] });
    }
    const [min, max] = [props.port_range_min, props.port_range_max];
    if (typeof min === "number" && typeof max === "number" && max < min && !["icmp", "icmpv6", "ipv6-icmp"].includes(String(protocol))) {
      problems.push({ message: `port_range_min ${min} is greater than port_range_max ${max}`, path: ["port_range_min"] });
    }
    return problems;
  },
  create(ctx) {
    const p = ctx.properties;
    const rule = new openstack.networking.SecGroupRule(
      ctx.logicalName,
      {
        securityGroupId: p.security_group as pulumi.Input<string>,
        description: p.description as pulumi.Input<string> | undefined,
        direction: p.direction as pulumi.Input<string>,
        ethertype: p.ethertype as pulumi.Input<string>,
        protocol: p.protocol as pulumi.Input<string>,
        portRangeMin: p.port_range_min as pulumi.Input<number> | undefined,
        portRangeMax: p.port_range_max as pulumi.Input<number> | undefined,
        remoteGroupId: p.remote_group as pulumi.Input<string> | undefined,
        remoteIpPrefix: p.remote_ip_prefix as pulumi.Input<string> | undefined,
      },
      ctx.options,
    );
    return { referenceId: rule.id, resources: [rule], attribute: () => undefined };
  },
};
