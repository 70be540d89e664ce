import * as pulumi from "@pulumi/pulumi";

/**
 * Options for a component's child resources. Pulumi orders children after their component, but
 * records the component's `dependsOn` on the component alone; passing it on puts Heat's
 * dependencies on the resources that do the work, in the state too (graph, `--target`, replaces).
 */
export function childOptions(parent: pulumi.ComponentResource, opts: pulumi.ComponentResourceOptions | undefined): pulumi.ResourceOptions {
  return opts?.dependsOn === undefined ? { parent } : { parent, dependsOn: opts.dependsOn };
}
