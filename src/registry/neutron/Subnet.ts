/** OS::Neutron::Subnet → openstack.networking.Subnet (heat/engine/resources/openstack/neutron/subnet.py). */
export const hotType = "OS::Neutron::Subnet";
export const pulumiType = "openstack:networking/subnet:Subnet";

/**
 * Schema defaults Heat sends to Neutron on create when a template leaves them out
 * (`enable_dhcp: true`, `ip_version: 4`, `dns_nameservers: []`). Heat also sends `name` = the
 * physical resource name.
 */
export const heatDefaults = {
  enableDhcp: true,
  ipVersion: 4,
} as const;

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";
import { asId, isEmptyMap, withUnmapped } from "../properties";
import { isUuidLike } from "../nameOrId";
import { lookupNetwork } from "./Net";
export const heatProperties: PropertiesSchema = {
  network: { type: "String", required: true },
  subnetpool: { type: "String" },
  prefixlen: { type: "Integer", range: {min: 0} },
  cidr: { type: "String" },
  value_specs: { type: "Map", default: {}, updateAllowed: true },
  name: { type: "String", updateAllowed: true },
  ip_version: { type: "Integer", default: 4, allowed: [4, 6] },
  dns_nameservers: { type: "List", default: [], updateAllowed: true },
  gateway_ip: { type: "String", updateAllowed: true },
  enable_dhcp: { type: "Boolean", default: true, updateAllowed: true },
  allocation_pools: { type: "List", updateAllowed: true, items: { type: "Map", keys: {
      start: { type: "String", required: true },
      end: { type: "String", required: true },
    } } },
  tenant_id: { type: "String" },
  host_routes: { type: "List", updateAllowed: true, items: { type: "Map", keys: {
      destination: { type: "String", required: true },
      nexthop: { type: "String", required: true },
    } } },
  ipv6_ra_mode: { type: "String", allowed: ["dhcpv6-stateful", "dhcpv6-stateless", "slaac"] },
  ipv6_address_mode: { type: "String", allowed: ["dhcpv6-stateful", "dhcpv6-stateless", "slaac"] },
  segment: { type: "String", updateAllowed: true },
  tags: { type: "List", updateAllowed: true, items: { type: "String" } },
};
const heatAttributeList: Readonly<Record<string, AttributeSpec>> = {
  name: { description: "Friendly name of the subnet." },
  network_id: { description: "Parent network of the subnet." },
  tenant_id: { description: "Tenant owning the subnet." },
  allocation_pools: { description: "Ip allocation pools and their ranges." },
  gateway_ip: { description: "Ip of the subnet's gateway." },
  host_routes: { description: "Additional routes for this subnet." },
  ip_version: { description: "Ip version for the subnet." },
  cidr: { description: "CIDR block notation for this subnet." },
  dns_nameservers: { description: "List of dns nameservers." },
  enable_dhcp: { description: "'true' if DHCP is enabled for this subnet; 'false' otherwise." },
};

const subnetAttributes = withUnmapped(heatAttributeList, ["name", "network_id", "tenant_id", "allocation_pools", "gateway_ip", "host_routes", "ip_version", "cidr", "dns_nameservers", "enable_dhcp"], "");

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  properties: heatProperties,
  renamed: [{ at: [], from: "network_id", to: "network" }],
  mappedProperties: ["network", "subnetpool", "prefixlen", "cidr", "value_specs", "name", "ip_version", "dns_nameservers", "gateway_ip", "enable_dhcp", "allocation_pools", "tenant_id", "host_routes", "ipv6_ra_mode", "ipv6_address_mode", "tags"],
  attributes: subnetAttributes,
  validate(props) {
    if ((props.cidr === undefined) === (props.subnetpool === undefined)) {
      return [{ message: `OS::Neutron::Subnet needs exactly one of cidr and subnetpool (Heat: "${props.cidr === undefined ? "neither" : "both"}" given)`, path: [] }];
    }
    return [];
  },
  create(ctx) {
    const p = ctx.properties;
    const subnet = new openstack.networking.Subnet(
      ctx.logicalName,
      {
        networkId: asId(p.network, (n) => lookupNetwork(n, { parent: ctx.options.parent }).id, isUuidLike, (v) => ctx.isParameterValue?.(v) ?? false) as pulumi.Input<string>,
        cidr: p.cidr as pulumi.Input<string> | undefined,
        subnetpoolId: p.subnetpool as pulumi.Input<string> | undefined,
        prefixLength: p.prefixlen as pulumi.Input<number> | undefined,
        name: p.name as pulumi.Input<string> | undefined,
        ipVersion: p.ip_version as pulumi.Input<number>,
        dnsNameservers: p.dns_nameservers as pulumi.Input<pulumi.Input<string>[]>,
        gatewayIp: p.gateway_ip as pulumi.Input<string> | undefined,
        enableDhcp: p.enable_dhcp as pulumi.Input<boolean>,
        allocationPools: p.allocation_pools as pulumi.Input<pulumi.Input<{ start: pulumi.Input<string>; end: pulumi.Input<string> }>[]> | undefined,
        tenantId: p.tenant_id as pulumi.Input<string> | undefined,
        ipv6RaMode: p.ipv6_ra_mode as pulumi.Input<string> | undefined,
        ipv6AddressMode: p.ipv6_address_mode as pulumi.Input<string> | undefined,
        tags: p.tags as pulumi.Input<pulumi.Input<string>[]> | undefined,
        ...(isEmptyMap(p.value_specs) ? {} : { valueSpecs: p.value_specs as pulumi.Input<Record<string, pulumi.Input<string>>> }),
      },
      ctx.options,
    );
    const values: Record<string, () => pulumi.Output<unknown>> = {
      name: () => subnet.name,
      network_id: () => subnet.networkId,
      tenant_id: () => subnet.tenantId,
      allocation_pools: () => subnet.allocationPools,
      gateway_ip: () => subnet.gatewayIp,
      host_routes: () => pulumi.output(p.host_routes ?? []),
      ip_version: () => subnet.ipVersion.apply(String),
      cidr: () => subnet.cidr,
      dns_nameservers: () => subnet.dnsNameservers,
      enable_dhcp: () => subnet.enableDhcp.apply((v) => (v ? "true" : "false")),
    };
    return { referenceId: subnet.id, resources: [subnet], attribute: (name) => values[name]?.() };
  },
};
