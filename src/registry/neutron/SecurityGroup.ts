import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";

/**
 * OS::Neutron::SecurityGroup → openstack.networking.SecGroup + one openstack.networking.SecGroupRule
 * per rule (heat/engine/resources/openstack/neutron/security_group.py).
 */
export const hotType = "OS::Neutron::SecurityGroup";
export const pulumiType = "openstack:networking/secGroup:SecGroup";
export const rulePulumiType = "openstack:networking/secGroupRule:SecGroupRule";

/** One rule of a security group, with Heat's property names in camelCase and Heat's meaning. */
export interface SecurityGroupRule {
  /**
   * Traffic into (`ingress`) or out of (`egress`) the instance.
   * @default "ingress"
   */
  readonly direction?: "ingress" | "egress";
  /**
   * Ethertype of the traffic.
   * @default "IPv4"
   */
  readonly ethertype?: "IPv4" | "IPv6";
  /**
   * Lowest port matched (the ICMP type for ICMP), 0..65535.
   * @default - any port
   */
  readonly portRangeMin?: number;
  /**
   * Highest port matched (the ICMP code for ICMP), 0..65535.
   * @default - any port
   */
  readonly portRangeMax?: number;
  /**
   * Protocol matched: `tcp`, `udp`, `icmp`, ... or a protocol number.
   * @default - any protocol
   */
  readonly protocol?: string;
  /**
   * Whether the rule's remote end is an IP prefix or a security group. In `remote_ip_prefix` mode
   * Heat ignores `remoteGroupId`; in `remote_group_id` mode it ignores `remoteIpPrefix`.
   * @default "remote_ip_prefix"
   */
  readonly remoteMode?: "remote_ip_prefix" | "remote_group_id";
  /**
   * The remote security group (mode `remote_group_id`).
   * @default - the group the rule belongs to (a self-referencing rule)
   */
  readonly remoteGroupId?: pulumi.Input<string>;
  /**
   * The remote IP prefix, a CIDR (mode `remote_ip_prefix`).
   * @default - any address
   */
  readonly remoteIpPrefix?: string;
}

/** Heat's rule property names and the `SecurityGroupRule` fields they become. */
export const heatRuleFields = {
  direction: "direction",
  ethertype: "ethertype",
  port_range_min: "portRangeMin",
  port_range_max: "portRangeMax",
  protocol: "protocol",
  remote_mode: "remoteMode",
  remote_ip_prefix: "remoteIpPrefix",
  remote_group_id: "remoteGroupId",
} as const satisfies Readonly<Record<string, keyof SecurityGroupRule>>;

/** A rule as Heat's properties give it (already checked against the schema), as a `SecurityGroupRule`. */
export function ruleFromHeat(rule: Record<string, unknown>): SecurityGroupRule {
  return Object.fromEntries(Object.entries(heatRuleFields).map(([heatKey, field]) => [field, rule[heatKey]])) as SecurityGroupRule;
}

/** The defaults of Heat's rule schema. */
export const ruleDefaults = {
  direction: "ingress",
  ethertype: "IPv4",
  remoteMode: "remote_ip_prefix",
} as const;

/** Heat refuses the name `default`: it is the project's own group. */
export function validateGroupName(name: string | undefined): void {
  if (name === "default") {
    throw new Error(
      'security group name "default" is not allowed (Heat: Security groups cannot be assigned the name "default"); ' +
        "choose another name or leave it out to get a generated one",
    );
  }
}

/** Checks a rule the way Heat's schema does (allowed values, port range 0..65535), naming the bad value. */
export function validateRule(rule: SecurityGroupRule, where: string): void {
  const allowed: Record<string, readonly string[]> = {
    direction: ["ingress", "egress"],
    ethertype: ["IPv4", "IPv6"],
    remoteMode: ["remote_ip_prefix", "remote_group_id"],
  };
  for (const [key, values] of Object.entries(allowed)) {
    const value = (rule as Record<string, unknown>)[key];
    if (value !== undefined && !values.includes(value as string)) {
      throw new Error(`${where}.${key} is ${JSON.stringify(value)}; expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}`);
    }
  }
  for (const key of ["portRangeMin", "portRangeMax"] as const) {
    const port = rule[key];
    if (port === undefined) {
      continue;
    }
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`${where}.${key} is ${JSON.stringify(port)}; expected an integer from 0 to 65535`);
    }
    if (port === 0) {
      // Heat sends 0 to Neutron; the OpenStack provider treats 0 as "not set" (any port), which
      // would silently widen the rule.
      throw new Error(
        `${where}.${key} is 0, which the OpenStack provider cannot express (it treats 0 as "any port"); ` +
          "leave the field out to match any port",
      );
    }
  }
}

/**
 * Neutron gives every new group two allow-all egress rules (IPv4 and IPv6). Heat keeps them unless
 * one of the template's rules is egress: then it deletes every egress rule before creating its own
 * (`_create_rules`). The provider's `deleteDefaultRules` deletes the same two rules.
 */
export function deletesDefaultEgressRules(rules: readonly SecurityGroupRule[]): boolean {
  return rules.some((rule) => (rule.direction ?? ruleDefaults.direction) === "egress");
}

/**
 * The arguments of the SecGroupRule that Heat's `_format_rule` would create for `rule` in the
 * group `securityGroupId`: defaults applied, the remote end chosen by `remoteMode`, a
 * `remote_group_id` rule without a group referring to its own group.
 */
export function secGroupRuleArgs(
  rule: SecurityGroupRule,
  securityGroupId: pulumi.Input<string>,
): openstack.networking.SecGroupRuleArgs {
  const remoteMode = rule.remoteMode ?? ruleDefaults.remoteMode;
  const remote =
    remoteMode === "remote_group_id"
      ? { remoteGroupId: rule.remoteGroupId ?? securityGroupId }
      : rule.remoteIpPrefix === undefined
        ? {}
        : { remoteIpPrefix: rule.remoteIpPrefix };
  return {
    securityGroupId,
    direction: rule.direction ?? ruleDefaults.direction,
    ethertype: rule.ethertype ?? ruleDefaults.ethertype,
    ...(rule.protocol === undefined ? {} : { protocol: rule.protocol }),
    ...(rule.portRangeMin === undefined ? {} : { portRangeMin: rule.portRangeMin }),
    ...(rule.portRangeMax === undefined ? {} : { portRangeMax: rule.portRangeMax }),
    ...remote,
  };
}

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import { PropertiesSchema, RegistryEntry } from "../types";
export const heatProperties: PropertiesSchema = {
  name: { type: "String", updateAllowed: true },
  description: { type: "String", updateAllowed: true },
  rules: { type: "List", default: [], updateAllowed: true, items: { type: "Map", keys: {
      direction: { type: "String", default: "ingress", allowed: ["ingress", "egress"] },
      ethertype: { type: "String", default: "IPv4", allowed: ["IPv4", "IPv6"] },
      port_range_min: { type: "Integer", range: {min: 0,  max: 65535} },
      port_range_max: { type: "Integer", range: {min: 0,  max: 65535} },
      protocol: { type: "String" },
      remote_mode: { type: "String", default: "remote_ip_prefix", allowed: ["remote_ip_prefix", "remote_group_id"] },
      remote_group_id: { type: "String" },
      remote_ip_prefix: { type: "String" },
    } } },
};

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType, rulePulumiType],
  properties: heatProperties,
  attributes: {},
  validate(props) {
    if (typeof props.name === "string") {
      try {
        validateGroupName(props.name);
      } catch (error) {
        return [{ message: (error as Error).message, path: ["name"] }];
      }
    }
    if (props.rules !== undefined && !Array.isArray(props.rules)) {
      return [{ message: "rules must be known before deployment (one Pulumi rule per entry)", path: ["rules"] }];
    }
    return [];
  },
  create(ctx) {
    const p = ctx.properties;
    const rules = ((p.rules as Record<string, unknown>[] | undefined) ?? []).map(ruleFromHeat);
    const group = new openstack.networking.SecGroup(
      ctx.logicalName,
      {
        ...(p.name === undefined ? {} : { name: p.name as pulumi.Input<string> }),
        ...(p.description === undefined ? {} : { description: p.description as pulumi.Input<string> }),
        deleteDefaultRules: deletesDefaultEgressRules(rules),
      },
      ctx.options,
    );
    const created = rules.map(
      (rule, index) => new openstack.networking.SecGroupRule(`${ctx.logicalName}-rule-${index}`, secGroupRuleArgs(rule, group.id), ctx.options),
    );
    return { referenceId: group.id, resources: [group, ...created], attribute: () => undefined };
  },
};
