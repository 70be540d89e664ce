/**
 * OS::Neutron::RouterInterface → openstack.networking.RouterInterface
 * (heat/engine/resources/openstack/neutron/router.py, class RouterInterface). Heat attaches either
 * a subnet or a port (exactly one); both map one to one.
 */
export const hotType = "OS::Neutron::RouterInterface";
export const pulumiType = "openstack:networking/routerInterface:RouterInterface";
