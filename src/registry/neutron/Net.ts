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

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import { attributeReader, AttributeOutputs } from "../attributeOutputs";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";
import { isEmptyMap, withUnmapped } from "../properties";
export const heatProperties: PropertiesSchema = {
  name: { type: "String", updateAllowed: true },
  value_specs: { type: "Map", default: {}, updateAllowed: true },
  admin_state_up: { type: "Boolean", default: true, updateAllowed: true },
  tenant_id: { type: "String" },
  shared: { type: "Boolean", default: false, updateAllowed: true },
  dhcp_agent_ids: { type: "List", updateAllowed: true },
  port_security_enabled: { type: "Boolean", updateAllowed: true },
  qos_policy: { type: "String", updateAllowed: true },
  dns_domain: { type: "String", updateAllowed: true },
  availability_zone_hints: { type: "List" },
  tags: { type: "List", updateAllowed: true, items: { type: "String" } },
};
const heatAttributeList: Readonly<Record<string, AttributeSpec>> = {
  status: { description: "The status of the network." },
  name: { description: "The name of the network." },
  subnets: { description: "Subnets of this network." },
  admin_state_up: { description: "The administrative status of the network." },
  tenant_id: { description: "The tenant owning this network." },
  port_security_enabled: { description: "Port security enabled of the network." },
  mtu: { description: "The maximum transmission unit size(in bytes) for the network." },
  qos_policy_id: { description: "The QoS policy ID attached to this network." },
  l2_adjacency: { description: "A boolean value for L2 adjacency, True means that you can expect L2 connectivity throughout the Network." },
  segments: { description: "The segments of this network." },
};

/** The mapped attributes, read from the Network's outputs (the converter writes the same reads). */
export const attributeOutputs: AttributeOutputs = {
  name: { output: "name" },
  admin_state_up: { output: "adminStateUp", apply: String },
  tenant_id: { output: "tenantId" },
  mtu: { output: "mtu" },
  port_security_enabled: { output: "portSecurityEnabled" },
  qos_policy_id: { output: "qosPolicyId" },
};

const netAttributes = withUnmapped(heatAttributeList, Object.keys(attributeOutputs), "Pulumi's Network does not expose it");

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  properties: heatProperties,
  mappedProperties: ["name", "value_specs", "admin_state_up", "tenant_id", "shared", "port_security_enabled", "qos_policy", "dns_domain", "availability_zone_hints", "tags"],
  attributes: netAttributes,
  create(ctx) {
    const p = ctx.properties;
    const network = new openstack.networking.Network(
      ctx.logicalName,
      {
        name: p.name as pulumi.Input<string> | undefined,
        adminStateUp: p.admin_state_up as pulumi.Input<boolean>,
        shared: p.shared as pulumi.Input<boolean>,
        tenantId: p.tenant_id as pulumi.Input<string> | undefined,
        portSecurityEnabled: p.port_security_enabled as pulumi.Input<boolean> | undefined,
        qosPolicyId: p.qos_policy as pulumi.Input<string> | undefined,
        dnsDomain: p.dns_domain as pulumi.Input<string> | undefined,
        availabilityZoneHints: p.availability_zone_hints as pulumi.Input<pulumi.Input<string>[]> | undefined,
        tags: p.tags as pulumi.Input<pulumi.Input<string>[]> | undefined,
        ...(isEmptyMap(p.value_specs) ? {} : { valueSpecs: p.value_specs as pulumi.Input<Record<string, pulumi.Input<string>>> }),
      },
      ctx.options,
    );
    return { referenceId: network.id, resources: [network], attribute: attributeReader(network, attributeOutputs) };
  },
};
