// The stack that test/e2e/engine.test.ts deploys with the real Pulumi engine. Nothing in it needs a
// cloud: configuration (one value secret), a secret random token made by a dynamic provider, outputs.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

/** Plain configuration: expected in the state file as plaintext. */
export const greeting = config.require("greeting");

/** Set with `pulumi config set --secret`: must appear in the state only encrypted. */
export const databasePassword = config.requireSecret("databasePassword");

interface RandomTokenInputs {
  /** How many random bytes the token has (it is printed as hex, two characters a byte). */
  readonly bytes: number;
}

/**
 * Makes a random hex token once, at create time; later updates keep it because the inputs do not change.
 * The provider's code is serialized into the state, so it must capture no secret.
 */
const randomTokenProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: RandomTokenInputs): Promise<pulumi.dynamic.CreateResult> {
    return {
      id: crypto.randomUUID(),
      outs: { bytes: inputs.bytes, value: crypto.randomBytes(inputs.bytes).toString("hex") },
    };
  },
};

/** A random token whose value is a secret output (encrypted in the state). */
class RandomToken extends pulumi.dynamic.Resource {
  /** The token, `2 * bytes` hex characters. */
  declare public readonly value: pulumi.Output<string>;

  constructor(name: string, bytes: number, opts?: pulumi.CustomResourceOptions) {
    super(randomTokenProvider, name, { bytes, value: undefined }, { ...opts, additionalSecretOutputs: ["value"] });
  }
}

const token = new RandomToken("token", 16);

/** The random token, a secret output. */
export const tokenValue = token.value;

/** Derived from the secret without revealing it: the token's length. */
export const tokenLength = token.value.apply((value) => value.length);
