/**
 * OS::Neutron::FloatingIPAssociation → openstack.networking.FloatingIpAssociate
 * (heat/engine/resources/openstack/neutron/floatingip.py). Heat takes the floating IP's *ID*
 * (`floatingip_id`); the provider takes its *address* (`floatingIp`).
 */
export const hotType = "OS::Neutron::FloatingIPAssociation";
export const pulumiType = "openstack:networking/floatingIpAssociate:FloatingIpAssociate";
