import * as pulumi from "@pulumi/pulumi";
import {
  CharacterClass,
  CharacterClassMinimum,
  CharacterSequenceMinimum,
  RandomStringProperties,
  randomStringSpec,
  randomStringType,
} from "../src/registry/heat/randomStringGenerator";
import { RandomStringValue } from "../src/registry/heat/randomStringProvider";
import { childOptions } from "./childOptions";

/** Arguments of {@link RandomString} (HOT `OS::Heat::RandomString`). */
export interface RandomStringArgs {
  /**
   * Length of the string, 1 to 512.
   * @default 32
   */
  readonly length?: pulumi.Input<number>;
  /**
   * Named character classes (lettersdigits, letters, lowercase, uppercase, digits, hexdigits,
   * octdigits) and the minimum count of characters from each.
   * @default [{ class: "lettersdigits", min: 1 }] (none when only `sequence` is given)
   */
  readonly characterClasses?: pulumi.Input<readonly CharacterClassMinimum[]>;
  /**
   * Characters of one's own (e.g. "!@#%^&*") and the minimum count from each sequence.
   * @default - none
   */
  readonly characterSequences?: pulumi.Input<readonly CharacterSequenceMinimum[]>;
  /**
   * Heat's deprecated single class: adds `{ class: sequence, min: 1 }` to `characterClasses`.
   * @default - none
   */
  readonly sequence?: pulumi.Input<CharacterClass>;
  /**
   * Any value; setting or changing it makes a new string (the value itself is not used).
   * @default - none
   */
  readonly salt?: pulumi.Input<string>;
}

/** Whether a value holds an Output or a Promise anywhere (then it is checked once known). */
function hasUnknowns(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
  if (Array.isArray(value)) return value.some(hasUnknowns);
  return value !== null && typeof value === "object" && Object.values(value).some(hasUnknowns);
}

/**
 * A random string drawn exactly as Heat's OS::Heat::RandomString draws it: at least `min`
 * characters from each class and sequence, the rest from all of them, shuffled. It is made once
 * and kept until a property (or `salt`) changes. The string is a secret: encrypted in the state.
 */
export class RandomString extends pulumi.ComponentResource {
  /** The generated string (secret); Heat's `value` attribute and reference (get_resource). */
  readonly value: pulumi.Output<string>;

  constructor(name: string, args: RandomStringArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const where = `RandomString "${name}"`;
    const given = { length: args.length, characterClasses: args.characterClasses, characterSequences: args.characterSequences, sequence: args.sequence, salt: args.salt };
    // Known values are checked before anything is registered; Outputs once they are known.
    const known = hasUnknowns(given) ? undefined : randomStringSpec(given as RandomStringProperties, where);
    super(randomStringType, name, {}, opts);
    const child = childOptions(this, opts);
    const spec = known !== undefined ? pulumi.output(known) : pulumi.output(given).apply((plain) => randomStringSpec(plain as RandomStringProperties, where));
    const generated = new RandomStringValue(
      name,
      {
        length: spec.length,
        characterClasses: spec.characterClasses,
        characterSequences: spec.characterSequences,
        salt: spec.salt,
      },
      child,
    );
    this.value = pulumi.secret(generated.value);
    this.registerOutputs({ value: this.value });
  }
}
