/**
 * OS::Neutron::FloatingIP → openstack.networking.FloatingIp
 * (heat/engine/resources/openstack/neutron/floatingip.py). Heat sends `floating_network_id`
 * (resolved from a name or ID); the provider takes the network's *name* as `pool`.
 */
export const hotType = "OS::Neutron::FloatingIP";
export const pulumiType = "openstack:networking/floatingIp:FloatingIp";

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";
import { isEmptyMap, withUnmapped } from "../properties";
import { lookupNetwork } from "./Net";
import { floatingIpHiddenDependencies } from "./hiddenDependencies";
export const heatProperties: PropertiesSchema = {
  floating_network: { type: "String", required: true },
  floating_subnet: { type: "String" },
  value_specs: { type: "Map", default: {} },
  port_id: { type: "String", updateAllowed: true },
  fixed_ip_address: { type: "String", updateAllowed: true },
  floating_ip_address: { type: "String" },
  dns_name: { type: "String", updateAllowed: true },
  dns_domain: { type: "String", updateAllowed: true },
};
const heatAttributeList: Readonly<Record<string, AttributeSpec>> = {
  router_id: { description: "ID of the router used as gateway, set when associated with a port." },
  tenant_id: { description: "The tenant owning this floating IP." },
  floating_network_id: { description: "ID of the network in which this IP is allocated." },
  fixed_ip_address: { description: "IP address of the associated port, if specified." },
  floating_ip_address: { description: "The allocated address of this IP." },
  port_id: { description: "ID of the port associated with this IP." },
};

const floatingIpAttributes = withUnmapped(
  heatAttributeList,
  ["floating_ip_address", "floating_network_id", "port_id", "fixed_ip_address", "tenant_id"],
  "Pulumi's FloatingIp does not expose it",
);

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  properties: heatProperties,
  renamed: [{ at: [], from: "floating_network_id", to: "floating_network" }],
  mappedProperties: ["floating_network", "floating_subnet", "floating_ip_address", "port_id", "fixed_ip_address", "dns_name", "dns_domain", "value_specs"],
  attributes: floatingIpAttributes,
  hiddenDependencies: floatingIpHiddenDependencies,
  validate(props) {
    if (props.fixed_ip_address !== undefined && props.port_id === undefined) {
      return [{ message: "fixed_ip_address needs port_id (Heat: PropertyUnspecifiedError)", path: ["fixed_ip_address"] }];
    }
    return [];
  },
  create(ctx) {
    const p = ctx.properties;
    const pool = lookupNetwork(p.floating_network as pulumi.Input<string>, { parent: ctx.options.parent });
    const floatingIp = new openstack.networking.FloatingIp(
      ctx.logicalName,
      {
        pool: pool.name,
        subnetId: p.floating_subnet as pulumi.Input<string> | undefined,
        address: p.floating_ip_address as pulumi.Input<string> | undefined,
        portId: p.port_id as pulumi.Input<string> | undefined,
        fixedIp: p.fixed_ip_address as pulumi.Input<string> | undefined,
        dnsName: p.dns_name as pulumi.Input<string> | undefined,
        dnsDomain: p.dns_domain as pulumi.Input<string> | undefined,
        ...(isEmptyMap(p.value_specs) ? {} : { valueSpecs: p.value_specs as pulumi.Input<Record<string, pulumi.Input<string>>> }),
      },
      ctx.options,
    );
    const values: Record<string, () => pulumi.Output<unknown>> = {
      floating_ip_address: () => floatingIp.address,
      floating_network_id: () => pool.id,
      port_id: () => floatingIp.portId,
      fixed_ip_address: () => floatingIp.fixedIp,
      tenant_id: () => floatingIp.tenantId,
    };
    return { referenceId: floatingIp.id, resources: [floatingIp], attribute: (name) => values[name]?.() };
  },
};
