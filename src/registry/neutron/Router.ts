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
