import type * as random from "@pulumi/random";

/**
 * OS::Heat::RandomString → random.RandomString, its `result` kept secret
 * (heat/engine/resources/openstack/heat/random_string.py, heat/common/password_gen.py).
 */
export const hotType = "OS::Heat::RandomString";
export const pulumiType = "random:index/randomString:RandomString";

/** Heat's named character classes and their members (password_gen.py `_char_class_members`). */
export const characterClasses = {
  lettersdigits: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  lowercase: "abcdefghijklmnopqrstuvwxyz",
  uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  hexdigits: "0123456789ABCDEF",
  octdigits: "01234567",
} as const;
export type CharacterClass = keyof typeof characterClasses;

/** The properties of an OS::Heat::RandomString, camelCased. */
export interface RandomStringProperties {
  /**
   * Length of the string, 1..512.
   * @default 32
   */
  readonly length?: number;
  /**
   * Named classes and the minimum count of characters from each.
   * @default [{ class: "lettersdigits", min: 1 }]
   */
  readonly characterClasses?: readonly { readonly class?: CharacterClass; readonly min?: number }[];
  /**
   * Custom character sequences and the minimum count from each.
   * @default - none
   */
  readonly characterSequences?: readonly { readonly sequence: string; readonly min?: number }[];
  /**
   * Deprecated: a single class; Heat translates it to `characterClasses: [{ class, min: 1 }]`.
   * @default - none
   */
  readonly sequence?: CharacterClass;
  /**
   * Any value; changing it makes a new string.
   * @default - none
   */
  readonly salt?: string;
}

/** Heat's schema defaults. */
export const heatDefaults = {
  length: 32,
  characterClass: "lettersdigits",
  min: 1,
} as const;

const UPPER = characterClasses.uppercase;
const LOWER = characterClasses.lowercase;
const DIGITS = characterClasses.digits;

/**
 * The random.RandomString arguments that draw from the same characters with the same minimum
 * counts as Heat. Heat's generator takes the union of all classes and sequences and guarantees
 * `min` characters from each; the provider knows four groups (upper, lower, numeric, special with
 * `overrideSpecial` as the special set) with a minimum each. Every Heat constraint must therefore
 * be one of those groups, or the whole alphabet (then it always holds); anything else is refused.
 */
export function randomStringArgs(props: RandomStringProperties, where: string): random.RandomStringArgs {
  const length = props.length ?? heatDefaults.length;
  if (!Number.isInteger(length) || length < 1 || length > 512) {
    throw new Error(`${where}.length is ${JSON.stringify(length)}; expected an integer from 1 to 512`);
  }
  const classes =
    props.characterClasses ?? (props.sequence !== undefined ? [{ class: props.sequence, min: 1 }] : [{ class: heatDefaults.characterClass }]);
  const constraints = [
    ...classes.map((c, i) => {
      const name = c.class ?? heatDefaults.characterClass;
      if (!(name in characterClasses)) {
        throw new Error(
          `${where}.characterClasses[${i}].class is ${JSON.stringify(name)}; expected one of ${Object.keys(characterClasses).join(", ")}`,
        );
      }
      return { chars: new Set<string>(characterClasses[name]), min: c.min ?? heatDefaults.min, what: `characterClasses[${i}]` };
    }),
    ...(props.characterSequences ?? []).map((s, i) => ({
      chars: new Set<string>(s.sequence),
      min: s.min ?? heatDefaults.min,
      what: `characterSequences[${i}]`,
    })),
  ];
  const totalMin = constraints.reduce((sum, c) => sum + c.min, 0);
  if (totalMin > length) {
    throw new Error(
      `${where}.length is ${length}, smaller than the sum of the minimum counts (${totalMin}) ` +
        "(Heat: Length property cannot be smaller than combined character class and character sequence minimums)",
    );
  }
  const alphabet = new Set<string>(constraints.flatMap((c) => [...c.chars]));
  const containsAll = (group: string) => [...group].every((ch) => alphabet.has(ch));
  const upper = containsAll(UPPER);
  const lower = containsAll(LOWER);
  const numeric = containsAll(DIGITS);
  const covered = (upper ? UPPER : "") + (lower ? LOWER : "") + (numeric ? DIGITS : "");
  const special = [...alphabet].filter((ch) => !covered.includes(ch)).sort().join("");
  const sameSet = (a: Set<string>, b: string) => a.size === new Set(b).size && [...a].every((ch) => b.includes(ch));
  const mins = { minUpper: 0, minLower: 0, minNumeric: 0, minSpecial: 0 };
  for (const c of constraints) {
    if (c.chars.size === alphabet.size) {
      continue; // every character drawn belongs to it: the minimum holds by itself
    }
    if (upper && sameSet(c.chars, UPPER)) mins.minUpper += c.min;
    else if (lower && sameSet(c.chars, LOWER)) mins.minLower += c.min;
    else if (numeric && sameSet(c.chars, DIGITS)) mins.minNumeric += c.min;
    else if (special !== "" && sameSet(c.chars, special)) mins.minSpecial += c.min;
    else {
      throw new Error(
        `${where}.${c.what} needs at least ${c.min} characters from a set the random provider cannot constrain on its own ` +
          `(${[...c.chars].sort().join("")}); use classes that are uppercase, lowercase, digits, or one set of other characters`,
      );
    }
  }
  return {
    length,
    upper,
    lower,
    numeric,
    special: special !== "",
    ...(special !== "" ? { overrideSpecial: special } : {}),
    ...Object.fromEntries(Object.entries(mins).filter(([, v]) => v > 0)),
    ...(props.salt !== undefined ? { keepers: { salt: props.salt } } : {}),
  };
}

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as pulumi from "@pulumi/pulumi";
import * as randomProvider from "@pulumi/random";
import { PropertiesSchema, RegistryEntry } from "../types";
export const heatProperties: PropertiesSchema = {
  length: { type: "Integer", default: 32, range: {min: 1,  max: 512} },
  character_classes: { type: "List", default: [{"class": "lettersdigits", "min": 1}], items: { type: "Map", keys: {
      class: { type: "String", default: "lettersdigits", allowed: ["lettersdigits", "letters", "lowercase", "uppercase", "digits", "hexdigits", "octdigits"] },
      min: { type: "Integer", default: 1, range: {min: 1,  max: 512} },
    } } },
  character_sequences: { type: "List", items: { type: "Map", keys: {
      sequence: { type: "String", required: true },
      min: { type: "Integer", default: 1, range: {min: 1,  max: 512} },
    } } },
  salt: { type: "String" },
};

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  // `sequence` is Heat's hidden (deprecated) property; randomStringArgs translates it as Heat does.
  properties: { ...heatProperties, sequence: { type: "String", allowed: Object.keys(characterClasses) } },
  attributes: { value: { description: "The generated string (a secret)." } },
  create(ctx) {
    const p = ctx.properties;
    const camel = {
      length: p.length as number,
      characterClasses: p.sequence === undefined ? (p.character_classes as RandomStringProperties["characterClasses"]) : undefined,
      characterSequences: p.character_sequences as RandomStringProperties["characterSequences"],
      sequence: p.sequence as CharacterClass | undefined,
      salt: p.salt as string | undefined,
    };
    const value = new randomProvider.RandomString(ctx.logicalName, randomStringArgs(camel, ctx.name), {
      ...ctx.options,
      additionalSecretOutputs: ["result"],
    });
    const secret = pulumi.secret(value.result);
    return { referenceId: secret, resources: [value], attribute: (name) => (name === "value" ? secret : undefined) };
  },
};
