/** OS::Neutron::Router → openstack.networking.Router (heat/engine/resources/openstack/neutron/router.py). */
export const hotType = "OS::Neutron::Router";
export const pulumiType = "openstack:networking/router:Router";

/**
 * Schema defaults Heat sends on create. `external_gateway_info.network` (name or ID) is resolved to
 * `network_id`; `enable_snat` is left out unless set, so Neutron's default (true) applies.
 */
export const heatDefaults = {
  adminStateUp: true,
} as const;

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";
import { isEmptyMap, withUnmapped } from "../properties";
import { lookupNetwork } from "./Net";
import { routerHiddenDependencies } from "./hiddenDependencies";
export const heatProperties: PropertiesSchema = {
  name: { type: "String", updateAllowed: true },
  external_gateway_info: { type: "Map", updateAllowed: true, keys: {
      network: { type: "String", required: true, updateAllowed: true },
      enable_snat: { type: "Boolean", updateAllowed: true },
      external_fixed_ips: { type: "List", updateAllowed: true, items: { type: "Map", keys: {
          ip_address: { type: "String" },
          subnet: { type: "String" },
        } } },
    } },
  value_specs: { type: "Map", default: {}, updateAllowed: true },
  admin_state_up: { type: "Boolean", default: true, updateAllowed: true },
  l3_agent_ids: { type: "List", updateAllowed: true, items: { type: "String" } },
  distributed: { type: "Boolean" },
  ha: { type: "Boolean" },
  availability_zone_hints: { type: "List", updateAllowed: true },
  tags: { type: "List", updateAllowed: true, items: { type: "String" } },
};
const heatAttributeList: Readonly<Record<string, AttributeSpec>> = {
  status: { description: "The status of the router." },
  external_gateway_info: { description: "Gateway network for the router." },
  name: { description: "Friendly name of the router." },
  admin_state_up: { description: "Administrative state of the router." },
  tenant_id: { description: "Tenant owning the router." },
};

const routerAttributes = withUnmapped(heatAttributeList, ["name", "admin_state_up", "tenant_id", "external_gateway_info"], "Pulumi's Router does not expose it");

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  properties: heatProperties,
  mappedProperties: ["name", "external_gateway_info", "value_specs", "admin_state_up", "distributed", "ha", "availability_zone_hints", "tags"],
  attributes: routerAttributes,
  hiddenDependencies: routerHiddenDependencies,
  create(ctx) {
    const p = ctx.properties;
    const gateway = p.external_gateway_info as { network?: unknown; enable_snat?: unknown; external_fixed_ips?: unknown } | undefined;
    const router = new openstack.networking.Router(
      ctx.logicalName,
      {
        name: p.name as pulumi.Input<string> | undefined,
        adminStateUp: p.admin_state_up as pulumi.Input<boolean>,
        distributed: p.distributed as pulumi.Input<boolean> | undefined,
        availabilityZoneHints: p.availability_zone_hints as pulumi.Input<pulumi.Input<string>[]> | undefined,
        tags: p.tags as pulumi.Input<pulumi.Input<string>[]> | undefined,
        ...(gateway?.network === undefined
          ? {}
          : { externalNetworkId: lookupNetwork(gateway.network as pulumi.Input<string>, { parent: ctx.options.parent }).id }),
        ...(gateway?.enable_snat === undefined ? {} : { enableSnat: gateway.enable_snat as pulumi.Input<boolean> }),
        ...(Array.isArray(gateway?.external_fixed_ips)
          ? {
              externalFixedIps: (gateway.external_fixed_ips as { ip_address?: unknown; subnet?: unknown }[]).map((ip) => ({
                ...(ip.ip_address === undefined ? {} : { ipAddress: ip.ip_address as pulumi.Input<string> }),
                ...(ip.subnet === undefined ? {} : { subnetId: ip.subnet as pulumi.Input<string> }),
              })),
            }
          : {}),
        ...(isEmptyMap(p.value_specs) ? {} : { valueSpecs: p.value_specs as pulumi.Input<Record<string, pulumi.Input<string>>> }),
      },
      ctx.options,
    );
    const values: Record<string, () => pulumi.Output<unknown>> = {
      name: () => router.name,
      admin_state_up: () => router.adminStateUp.apply(String),
      tenant_id: () => router.tenantId,
      external_gateway_info: () => pulumi.all([router.externalNetworkId, router.enableSnat]).apply(([network_id, enable_snat]) => ({ network_id, enable_snat })),
    };
    return { referenceId: router.id, resources: [router], attribute: (name) => values[name]?.() };
  },
};
