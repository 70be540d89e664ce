/**
 * OS::Neutron::RouterInterface → openstack.networking.RouterInterface
 * (heat/engine/resources/openstack/neutron/router.py, class RouterInterface). Heat attaches either
 * a subnet or a port (exactly one); both map one to one.
 */
export const hotType = "OS::Neutron::RouterInterface";
export const pulumiType = "openstack:networking/routerInterface:RouterInterface";

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { PropertiesSchema, RegistryEntry } from "../types";
export const heatProperties: PropertiesSchema = {
  router: { type: "String", required: true },
  subnet: { type: "String" },
  port: { type: "String" },
};

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  properties: heatProperties,
  renamed: [
    { at: [], from: "router_id", to: "router" },
    { at: [], from: "subnet_id", to: "subnet" },
    { at: [], from: "port_id", to: "port" },
  ],
  attributes: {},
  validate(props) {
    if ((props.subnet === undefined) === (props.port === undefined)) {
      return [{ message: `OS::Neutron::RouterInterface needs exactly one of subnet and port (${props.subnet === undefined ? "neither" : "both"} given)`, path: [] }];
    }
    return [];
  },
  create(ctx) {
    const p = ctx.properties;
    const routerInterface = new openstack.networking.RouterInterface(
      ctx.logicalName,
      {
        routerId: p.router as pulumi.Input<string>,
        ...(p.subnet === undefined ? {} : { subnetId: p.subnet as pulumi.Input<string> }),
        ...(p.port === undefined ? {} : { portId: p.port as pulumi.Input<string> }),
      },
      ctx.options,
    );
    // Heat's reference id: "<router id>:subnet_id=<subnet>" or "<router id>:port_id=<port>".
    const referenceId = pulumi
      .all([routerInterface.routerId, routerInterface.subnetId, routerInterface.portId])
      .apply(([router, subnet, port]) => (p.subnet !== undefined ? `${router}:subnet_id=${subnet}` : `${router}:port_id=${port}`));
    return { referenceId, resources: [routerInterface], attribute: () => undefined };
  },
};
