import * as pulumi from "@pulumi/pulumi";

/** OS::Neutron::Port → openstack.networking.Port (heat/engine/resources/openstack/neutron/port.py). */
export const hotType = "OS::Neutron::Port";
export const pulumiType = "openstack:networking/port:Port";

/** Schema defaults Heat sends on create; Heat also sends `name` = the physical resource name. */
export const heatDefaults = {
  adminStateUp: true,
} as const;

/**
 * Heat's three cases for a port's `security_groups` (port.py `_prepare_port_properties`):
 * left out → Neutron applies the project's `default` group; `[]` → the port has no group at all;
 * a list → exactly those groups.
 */
export function portSecurityGroupArgs(
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]> | undefined,
): { securityGroupIds: pulumi.Input<pulumi.Input<string>[]> } | { noSecurityGroups: true } | Record<string, never> {
  if (securityGroupIds === undefined) {
    return {};
  }
  if (Array.isArray(securityGroupIds) && securityGroupIds.length === 0) {
    return { noSecurityGroups: true };
  }
  return { securityGroupIds };
}
