import * as pulumi from "@pulumi/pulumi";

/** OS::Neutron::Port → openstack.networking.Port (heat/engine/resources/openstack/neutron/port.py). */
export const hotType = "OS::Neutron::Port";
export const pulumiType = "openstack:networking/port:Port";

/** Schema defaults Heat sends on create; Heat also sends `name` = the physical resource name. */
export const heatDefaults = {
  adminStateUp: true,
} as const;

/**
 * Heat's three cases for a port's `security_groups` (port.py `_prepare_port_properties`):
 * left out → Neutron applies the project's `default` group; `[]` → the port has no group at all;
 * a list → exactly those groups.
 */
export function portSecurityGroupArgs(
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]> | undefined,
): { securityGroupIds: pulumi.Input<pulumi.Input<string>[]> } | { noSecurityGroups: true } | Record<string, never> {
  if (securityGroupIds === undefined) {
    return {};
  }
  if (Array.isArray(securityGroupIds) && securityGroupIds.length === 0) {
    return { noSecurityGroups: true };
  }
  return { securityGroupIds };
}

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstack from "@pulumi/openstack";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";
import { asId, isEmptyMap, withUnmapped } from "../properties";
import { isUuidLike } from "../nameOrId";
import { lookupNetwork } from "./Net";
import { portHiddenDependencies } from "./hiddenDependencies";
/**
 * The port properties a server's `port_extra_properties` may also set: Heat builds both schemas from
 * the same list (Port.extra_properties_schema), so they live here once.
 */
export const portExtraPropertiesSchema: PropertiesSchema = {
  value_specs: { type: "Map", default: {}, updateAllowed: true },
  admin_state_up: { type: "Boolean", default: true, updateAllowed: true },
  mac_address: { type: "String" },
  allowed_address_pairs: { type: "List", updateAllowed: true, items: { type: "Map", keys: {
      mac_address: { type: "String" },
      ip_address: { type: "String", required: true },
    } } },
  "binding:vnic_type": { type: "String", default: "normal", allowed: ["normal", "direct", "macvtap", "direct-physical", "baremetal", "virtio-forwarder", "smart-nic"], updateAllowed: true },
  port_security_enabled: { type: "Boolean", updateAllowed: true },
  qos_policy: { type: "String", updateAllowed: true },
  propagate_uplink_status: { type: "Boolean", updateAllowed: true },
  no_fixed_ips: { type: "Boolean", default: false, updateAllowed: true },
};

export const heatProperties: PropertiesSchema = {
  name: { type: "String", updateAllowed: true },
  network: { type: "String", required: true },
  device_id: { type: "String", default: "", updateAllowed: true },
  device_owner: { type: "String", default: "", updateAllowed: true },
  fixed_ips: { type: "List", updateAllowed: true, items: { type: "Map", keys: {
      subnet: { type: "String" },
      ip_address: { type: "String" },
    } } },
  security_groups: { type: "List", updateAllowed: true },
  dns_name: { type: "String", updateAllowed: true },
  tags: { type: "List", updateAllowed: true, items: { type: "String" } },
  ...portExtraPropertiesSchema,
};
const heatAttributeList: Readonly<Record<string, AttributeSpec>> = {
  admin_state_up: { description: "The administrative state of this port." },
  device_id: { description: "Unique identifier for the device." },
  device_owner: { description: "Name of the network owning the port." },
  fixed_ips: { description: "Fixed IP addresses." },
  mac_address: { description: "MAC address of the port." },
  name: { description: "Friendly name of the port." },
  network_id: { description: "Unique identifier for the network owning the port." },
  security_groups: { description: "A list of security groups for the port." },
  status: { description: "The status of the port." },
  tenant_id: { description: "Tenant owning the port." },
  allowed_address_pairs: { description: "Additional MAC/IP address pairs allowed to pass through a port." },
  subnets: { description: "A list of all subnet attributes for the port." },
  port_security_enabled: { description: "Port security enabled of the port." },
  qos_policy_id: { description: "The QoS policy ID attached to this port." },
  dns_assignment: { description: "The DNS assigned to this port." },
  network: { description: "The attributes of the network owning the port." },
  propagate_uplink_status: { description: "Enable/Disable propagate uplink status for the port." },
};

const portAttributes = withUnmapped(
  heatAttributeList,
  ["admin_state_up", "device_id", "device_owner", "fixed_ips", "mac_address", "name", "network_id", "security_groups", "tenant_id", "allowed_address_pairs", "port_security_enabled", "qos_policy_id", "dns_assignment"],
  "Pulumi's Port does not expose it",
);

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  // replacement_policy is Heat's hidden property, which Heat ignores: accepted, and ignored here too.
  properties: { ...heatProperties, replacement_policy: { type: "String", allowed: ["REPLACE_ALWAYS", "AUTO"] } },
  renamed: [
    { at: [], from: "network_id", to: "network" },
    { at: ["fixed_ips", "*"], from: "subnet_id", to: "subnet" },
  ],
  // replacement_policy counts as honoured: Heat ignores it too.
  mappedProperties: ["name", "network", "fixed_ips", "security_groups", "admin_state_up", "allowed_address_pairs", "mac_address", "device_id", "device_owner", "dns_name", "value_specs", "binding:vnic_type", "port_security_enabled", "qos_policy", "tags", "no_fixed_ips", "replacement_policy"],
  attributes: portAttributes,
  hiddenDependencies: portHiddenDependencies,
  validate(props) {
    if (Array.isArray(props.fixed_ips) && props.fixed_ips.length > 0 && props.no_fixed_ips === true) {
      return [{ message: "fixed_ips and no_fixed_ips cannot both be given (Heat: ResourcePropertyConflict)", path: ["no_fixed_ips"] }];
    }
    return [];
  },
  create(ctx) {
    const p = ctx.properties;
    const parent = { parent: ctx.options.parent };
    const securityGroups = Array.isArray(p.security_groups)
      ? p.security_groups.map((g) => asId(g, (name) => openstack.networking.getSecGroupOutput({ name }, parent).id, isUuidLike) as pulumi.Input<string>)
      : (p.security_groups as pulumi.Input<pulumi.Input<string>[]> | undefined);
    const fixedIps = Array.isArray(p.fixed_ips)
      ? p.fixed_ips.map((f: { subnet?: unknown; ip_address?: unknown }) => ({
          subnetId: f.subnet as pulumi.Input<string>,
          ...(f.ip_address === undefined ? {} : { ipAddress: f.ip_address as pulumi.Input<string> }),
        }))
      : undefined;
    const port = new openstack.networking.Port(
      ctx.logicalName,
      {
        name: p.name as pulumi.Input<string> | undefined,
        networkId: asId(p.network, (n) => lookupNetwork(n, parent).id, isUuidLike, (v) => ctx.isParameterValue?.(v) ?? false) as pulumi.Input<string>,
        adminStateUp: p.admin_state_up as pulumi.Input<boolean>,
        ...portSecurityGroupArgs(securityGroups),
        ...(fixedIps === undefined ? {} : { fixedIps }),
        ...(p.no_fixed_ips === true ? { noFixedIp: true } : {}),
        macAddress: p.mac_address as pulumi.Input<string> | undefined,
        ...(p.device_id === "" ? {} : { deviceId: p.device_id as pulumi.Input<string> }),
        ...(p.device_owner === "" ? {} : { deviceOwner: p.device_owner as pulumi.Input<string> }),
        dnsName: p.dns_name as pulumi.Input<string> | undefined,
        allowedAddressPairs: (p.allowed_address_pairs as { ip_address: string; mac_address?: string }[] | undefined)?.map((a) => ({
          ipAddress: a.ip_address,
          ...(a.mac_address === undefined ? {} : { macAddress: a.mac_address }),
        })),
        ...(p["binding:vnic_type"] === "normal" ? {} : { binding: { vnicType: p["binding:vnic_type"] as pulumi.Input<string> } }),
        portSecurityEnabled: p.port_security_enabled as pulumi.Input<boolean> | undefined,
        qosPolicyId: p.qos_policy as pulumi.Input<string> | undefined,
        tags: p.tags as pulumi.Input<pulumi.Input<string>[]> | undefined,
        ...(isEmptyMap(p.value_specs) ? {} : { valueSpecs: p.value_specs as pulumi.Input<Record<string, pulumi.Input<string>>> }),
      },
      ctx.options,
    );
    const values: Record<string, () => pulumi.Output<unknown>> = {
      admin_state_up: () => port.adminStateUp.apply(String),
      device_id: () => port.deviceId,
      device_owner: () => port.deviceOwner,
      // Heat's fixed_ips: [{subnet_id, ip_address}], from Neutron's port.
      fixed_ips: () => port.allFixedIps.apply((ips) => ips.map((ip) => ({ ip_address: ip }))),
      mac_address: () => port.macAddress,
      name: () => port.name,
      network_id: () => port.networkId,
      security_groups: () => port.allSecurityGroupIds,
      tenant_id: () => port.tenantId,
      allowed_address_pairs: () => port.allowedAddressPairs,
      port_security_enabled: () => port.portSecurityEnabled,
      qos_policy_id: () => port.qosPolicyId,
      dns_assignment: () => port.dnsAssignments,
    };
    return { referenceId: port.id, resources: [port], attribute: (name) => values[name]?.() };
  },
};
