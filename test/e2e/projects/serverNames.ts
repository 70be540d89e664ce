// Shared by the e2e projects. The OpenStack provider plugin built by scripts/engine (4.0.0, bridging
// terraform-provider-openstack v3.4.0) does not auto-name: terraform's compute instance requires
// `name`, so a server without one fails with 'The argument "name" is required'. Until the provider
// sets auto-naming (the bridge's ProviderInfo.SetAutonaming), a server without a name gets Pulumi's
// usual "<resource name>-<suffix>", the suffix fixed per stack.
import * as pulumi from "@pulumi/pulumi";

export function nameServersLikePulumi(): void {
  pulumi.runtime.registerStackTransformation((args) => {
    if (args.type !== "openstack:compute/instance:Instance" || args.props.name !== undefined) return undefined;
    return { props: { ...args.props, name: `${args.name}-${pulumi.getStack()}` }, opts: args.opts };
  });
}
