// The stack that test/e2e/engine.test.ts deploys with the real Pulumi engine. Nothing in it needs a
// cloud: configuration (one value secret), a secret random token made by a dynamic provider, a
// WaitConditionHandle/WaitCondition pair answered by the test playing the instance with curl, outputs.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { WaitCondition } from "../../../components/WaitCondition";
import { WaitConditionHandle } from "../../../components/WaitConditionHandle";

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

interface LocalInstanceInputs {
  /** Where the "instance" (the test) picks up its boot script, like a metadata service. */
  readonly userDataDir: string;
  /** The boot script (secret: it holds the wait condition handle's token). */
  readonly userData: string;
}

/**
 * Stands in for a server: "boots" by handing its user_data to the test through a 0600 file in
 * `userDataDir`; the test runs the script as cloud-init would. Delete removes the file.
 */
const localInstanceProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: LocalInstanceInputs): Promise<pulumi.dynamic.CreateResult> {
    const file = path.join(inputs.userDataDir, "user-data");
    fs.writeFileSync(file, inputs.userData, { mode: 0o600 });
    return { id: file, outs: inputs };
  },
  async delete(id: string): Promise<void> {
    fs.rmSync(id, { force: true });
  },
};

/** A server that needs no cloud (see localInstanceProvider). */
class LocalInstance extends pulumi.dynamic.Resource {
  constructor(name: string, args: { [K in keyof LocalInstanceInputs]: pulumi.Input<LocalInstanceInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
    super(localInstanceProvider, name, args, { ...opts, additionalSecretOutputs: ["userData"] });
  }
}

// As in heat_2d: the server's boot script ends with the handle's curl_cli signalling SUCCESS, and the
// wait condition depends on the server. The receiver comes from heatshift:signalReceiverUrl/-AdminToken.
const handle = new WaitConditionHandle("wait-handle");
const instance = new LocalInstance("instance", {
  userDataDir: config.require("instanceDir"),
  userData: pulumi.interpolate`#!/bin/sh
set -e
${handle.curlCli} --data-binary '{"status": "SUCCESS", "reason": "booted", "data": "ready", "id": "1"}'
`,
});
const wait = new WaitCondition("wait", { handle, timeoutSeconds: 120 }, { dependsOn: [instance] });

/** Heat's data attribute of the wait condition: {"<signal id>": <data>}. */
export const waitData = wait.data;
