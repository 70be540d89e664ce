/**
 * The dynamic provider behind the RandomString component: `create` draws the string with Heat's
 * generator from crypto's CSPRNG (Heat uses Python's SystemRandom); any change to a property the
 * string depends on replaces it, as every RandomString property is update-replace in Heat.
 * Pulumi serializes the provider object into the dynamic-provider process; it uses only the pure
 * functions of RandomString.ts and Node built-ins (a unit test checks that it runs from there).
 */
import * as pulumi from "@pulumi/pulumi";
import { randomInt, randomUUID } from "crypto";
import { isDeepStrictEqual } from "util";
import { RandomStringSpec, characterPools, generateRandomString, randomStringSpec } from "./randomStringGenerator";

/** Outputs of the dynamic resource: the inputs and the string. */
export interface RandomStringOutputs extends RandomStringSpec {
  /** The generated string; a secret output, so the state holds it only encrypted. */
  readonly value: string;
}

/** The inputs a change of which makes a new string: all of them (Heat allows no in-place update). */
const generationProperties = ["length", "characterClasses", "characterSequences", "salt"] as const;

export const randomStringProvider: pulumi.dynamic.ResourceProvider<RandomStringSpec, RandomStringOutputs> = {
  async create(inputs) {
    const spec = randomStringSpec(inputs, "OS::Heat::RandomString");
    // The id is not the string: ids are stored and shown in plain text.
    return { id: randomUUID(), outs: { ...spec, value: generateRandomString(spec.length, characterPools(spec), randomInt) } };
  },
  async diff(_id, olds, news) {
    const replaces = generationProperties.filter((key) => !isDeepStrictEqual(olds[key], news[key]));
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  },
  async update(_id, olds, news) {
    // Only reached for changes diff does not report (none today): the string stays as it is.
    return { outs: { ...news, value: olds.value } };
  },
};

/** The dynamic resource of a RandomString component (type `pulumi-nodejs:dynamic/heatshift:RandomString`). */
export class RandomStringValue extends pulumi.dynamic.Resource {
  /** The generated string (secret). */
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: { [K in keyof RandomStringSpec]: pulumi.Input<RandomStringSpec[K]> }, opts?: pulumi.CustomResourceOptions) {
    super(randomStringProvider, name, { ...args, value: undefined }, pulumi.mergeOptions(opts, { additionalSecretOutputs: ["value"] }), "heatshift", "RandomString");
  }
}
