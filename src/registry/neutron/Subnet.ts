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
