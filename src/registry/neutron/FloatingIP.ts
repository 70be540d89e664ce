/**
 * OS::Neutron::FloatingIP → openstack.networking.FloatingIp
 * (heat/engine/resources/openstack/neutron/floatingip.py). Heat sends `floating_network_id`
 * (resolved from a name or ID); the provider takes the network's *name* as `pool`.
 */
export const hotType = "OS::Neutron::FloatingIP";
export const pulumiType = "openstack:networking/floatingIp:FloatingIp";
