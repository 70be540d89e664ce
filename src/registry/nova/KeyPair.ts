/**
 * OS::Nova::KeyPair → openstack.compute.Keypair (heat/engine/resources/openstack/nova/keypair.py).
 * Without `public_key` Nova generates the key pair; Heat shows the private key only when
 * `save_private_key` is true, so heatshift does the same (and keeps it a secret).
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";

export const properties: PropertiesSchema = {
  name: { type: "String", required: true, length: { min: 1, max: 255 } },
  save_private_key: { type: "Boolean", default: false },
  public_key: { type: "String" },
  type: { type: "String", allowed: ["ssh", "x509"] },
  user: { type: "String" },
};

export const attributes: Readonly<Record<string, AttributeSpec>> = {
  public_key: { description: "The public key." },
  private_key: { description: "The private key, if save_private_key is true (a secret); otherwise an empty string." },
};

export const keyPairEntry: RegistryEntry = {
  type: "OS::Nova::KeyPair",
  pulumiTypes: ["openstack:compute/keypair:Keypair"],
  properties,
  attributes,
  validate(props) {
    // Pulumi's Keypair has no key type or owner; Heat's defaults (ssh, the caller) are what it creates.
    const problems = [];
    if (props.type === "x509") problems.push({ message: `OS::Nova::KeyPair type "x509" cannot be created by Pulumi's openstack.compute.Keypair (ssh only); remove "type"`, path: ["type"] });
    if (props.user !== undefined) problems.push({ message: `OS::Nova::KeyPair "user" (a key pair for another user) is not supported by Pulumi's openstack.compute.Keypair; remove "user"`, path: ["user"] });
    return problems;
  },
  create(ctx) {
    const p = ctx.properties;
    const keypair = new openstack.compute.Keypair(
      ctx.logicalName,
      { name: p.name as pulumi.Input<string>, publicKey: p.public_key as pulumi.Input<string> | undefined },
      { ...ctx.options, additionalSecretOutputs: ["privateKey"] },
    );
    const save = pulumi.output(p.save_private_key as pulumi.Input<boolean>);
    return {
      referenceId: keypair.name,
      resources: [keypair],
      attribute(name) {
        if (name === "public_key") return keypair.publicKey;
        if (name === "private_key") {
          return pulumi.secret(pulumi.all([save, keypair.privateKey]).apply(([s, key]) => (s ? key ?? "" : "")));
        }
        return undefined;
      },
    };
  },
};
