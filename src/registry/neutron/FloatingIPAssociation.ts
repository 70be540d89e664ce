/**
 * OS::Neutron::FloatingIPAssociation → openstack.networking.FloatingIpAssociate
 * (heat/engine/resources/openstack/neutron/floatingip.py). Heat takes the floating IP's *ID*
 * (`floatingip_id`); the provider takes its *address* (`floatingIp`).
 */
export const hotType = "OS::Neutron::FloatingIPAssociation";
export const pulumiType = "openstack:networking/floatingIpAssociate:FloatingIpAssociate";

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { PropertiesSchema, RegistryEntry } from "../types";
import { floatingIpAssociationHiddenDependencies } from "./hiddenDependencies";
export const heatProperties: PropertiesSchema = {
  floatingip_id: { type: "String", required: true, updateAllowed: true },
  port_id: { type: "String", required: true, updateAllowed: true },
  fixed_ip_address: { type: "String", updateAllowed: true },
};

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  properties: heatProperties,
  attributes: {},
  hiddenDependencies: floatingIpAssociationHiddenDependencies,
  create(ctx) {
    const p = ctx.properties;
    // Heat associates by floating IP id; Pulumi's FloatingIpAssociate wants the address, which the
    // floating IP of this template knows.
    const floatingIp = ctx.referencedResource(p.floatingip_id);
    const address = floatingIp?.attribute("floating_ip_address");
    if (address === undefined) {
      throw new Error(
        `${ctx.name}: floatingip_id must be {get_resource: <an OS::Neutron::FloatingIP of this template>}: ` +
          "Pulumi's FloatingIpAssociate needs the floating address, which heatshift takes from that resource",
      );
    }
    const association = new openstack.networking.FloatingIpAssociate(
      ctx.logicalName,
      {
        floatingIp: address as pulumi.Output<string>,
        portId: p.port_id as pulumi.Input<string>,
        ...(p.fixed_ip_address === undefined ? {} : { fixedIp: p.fixed_ip_address as pulumi.Input<string> }),
      },
      ctx.options,
    );
    return { referenceId: association.id, resources: [association], attribute: () => undefined };
  },
};
