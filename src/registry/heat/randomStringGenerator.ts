/**
 * What Heat knows of a random string (heat/engine/resources/openstack/heat/random_string.py with
 * heat/common/password_gen.py): the character classes, the schema defaults, the `sequence`
 * translation, validation with Heat's messages, and the generator itself. Shared by the registry
 * entry, heatshift's RandomString component and its dynamic provider (which must capture nothing else).
 */
/** The type token of heatshift's RandomString component. */
export const randomStringType = "heatshift:heat:RandomString";

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

/** Heat's schema defaults and bounds (random_string.py `properties_schema`). */
export const heatDefaults = {
  length: 32,
  /** The class of a `character_classes` item without `class`, and the default list's only class. */
  characterClass: "lettersdigits",
  /** The `min` of an item without one. */
  min: 1,
  /** Range of `length` and of every `min`. */
  lowest: 1,
  highest: 512,
} as const;

/** A `character_classes` item: a named class and how many characters from it at least. */
export interface CharacterClassMinimum {
  /** @default "lettersdigits" */
  readonly class?: CharacterClass;
  /** @default 1 */
  readonly min?: number;
}

/** A `character_sequences` item: characters of one's own and how many of them at least. */
export interface CharacterSequenceMinimum {
  /** The characters (each counts once, however often it is written). */
  readonly sequence: string;
  /** @default 1 */
  readonly min?: number;
}

/** The properties of an OS::Heat::RandomString, camelCased. */
export interface RandomStringProperties {
  /**
   * Length of the string, 1..512.
   * @default 32
   */
  readonly length?: number;
  /**
   * Named classes and the minimum count of characters from each.
   * @default [{ class: "lettersdigits", min: 1 }] (none when only `sequence` is given)
   */
  readonly characterClasses?: readonly CharacterClassMinimum[];
  /**
   * Characters of one's own and the minimum count from each sequence.
   * @default - none
   */
  readonly characterSequences?: readonly CharacterSequenceMinimum[];
  /**
   * Deprecated: one class; Heat adds `{ class: sequence, min: 1 }` to the given `characterClasses`
   * (to none, not to the default, when `characterClasses` is left out).
   * @default - none
   */
  readonly sequence?: CharacterClass;
  /**
   * Any value; only a change matters: it makes a new string.
   * @default - none
   */
  readonly salt?: string;
}

/** The properties with every default filled in and `sequence` translated: what the string depends on. */
export interface RandomStringSpec {
  readonly length: number;
  readonly characterClasses: readonly { readonly class: CharacterClass; readonly min: number }[];
  readonly characterSequences: readonly { readonly sequence: string; readonly min: number }[];
  /** @default - none */
  readonly salt?: string;
}

/** The message Heat's RandomString.validate raises when the minimums do not fit into the length. */
export const minimumsTooLargeMessage = "Length property cannot be smaller than combined character class and character sequence minimums";

/**
 * Heat's translation rule for the deprecated `sequence`: `{class: sequence, min: 1}` appended to
 * the given classes, or forming the whole list when none are given (the default is not used then).
 */
export function translateSequence<C>(classes: readonly C[] | undefined, sequence: CharacterClass | undefined): readonly (C | { class: CharacterClass; min: number })[] | undefined {
  if (sequence === undefined) return classes;
  return [...(classes ?? []), { class: sequence, min: 1 }];
}

function checkCount(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < heatDefaults.lowest || value > heatDefaults.highest) {
    throw new Error(`${what} is ${JSON.stringify(value)}; expected an integer from ${heatDefaults.lowest} to ${heatDefaults.highest} (Heat: ${JSON.stringify(value)} is out of range (min: ${heatDefaults.lowest}, max: ${heatDefaults.highest}))`);
  }
  return value;
}

/**
 * Checks the properties as Heat's schema and RandomString.validate do, and fills in Heat's
 * defaults. `where` names the resource in messages. Also refuses what Heat accepts but then fails
 * to create with a Python IndexError: an empty sequence, or no characters at all.
 */
export function randomStringSpec(props: RandomStringProperties, where: string): RandomStringSpec {
  const length = checkCount(props.length ?? heatDefaults.length, `${where}: length`);
  if (props.sequence !== undefined && !(props.sequence in characterClasses)) {
    throw new Error(`${where}: sequence is ${JSON.stringify(props.sequence)}; expected one of ${Object.keys(characterClasses).join(", ")}`);
  }
  const givenClasses = translateSequence(props.characterClasses, props.sequence) ?? [{ class: heatDefaults.characterClass, min: heatDefaults.min }];
  // Array.from, not .map: the copies are arrays of this realm even when the input comes from another
  // (jest runs tests in a vm context; Pulumi tells arrays by `instanceof Array`).
  const classes = Array.from(givenClasses, (item, i) => {
    const name = item.class ?? heatDefaults.characterClass;
    if (!Object.prototype.hasOwnProperty.call(characterClasses, name)) {
      throw new Error(`${where}: characterClasses[${i}].class is ${JSON.stringify(name)}; expected one of ${Object.keys(characterClasses).join(", ")}`);
    }
    return { class: name, min: checkCount(item.min ?? heatDefaults.min, `${where}: characterClasses[${i}].min`) };
  });
  const sequences = Array.from(props.characterSequences ?? [], (item, i) => {
    if (typeof item.sequence !== "string" || item.sequence === "") {
      throw new Error(
        `${where}: characterSequences[${i}].sequence is ${JSON.stringify(item.sequence)}; expected a non-empty string of the characters to draw from ` +
          "(Heat accepts an empty one but then fails to create the string)",
      );
    }
    return { sequence: item.sequence, min: checkCount(item.min ?? heatDefaults.min, `${where}: characterSequences[${i}].min`) };
  });
  if (classes.length === 0 && sequences.length === 0) {
    throw new Error(`${where}: characterClasses is [] and there are no characterSequences, so there are no characters to draw from; leave characterClasses out for letters and digits`);
  }
  const minimums = [...classes, ...sequences].reduce((sum, item) => sum + item.min, 0);
  if (minimums > length) {
    throw new Error(`${where}: length is ${length}, smaller than the sum of the minimum counts (${minimums}); raise length or lower the minimums (Heat: ${minimumsTooLargeMessage})`);
  }
  return { length, characterClasses: classes, characterSequences: sequences, ...(props.salt === undefined ? {} : { salt: props.salt }) };
}

/** A set of characters (each once, by code point) and how many of the string must come from it. */
export interface CharacterPool {
  readonly characters: readonly string[];
  readonly min: number;
}

/** The pools of a spec in Heat's order: the sequences first, then the classes. */
export function characterPools(spec: RandomStringSpec): CharacterPool[] {
  const pool = (characters: string, min: number) => ({ characters: [...new Set(Array.from(characters))], min });
  return [...spec.characterSequences.map((s) => pool(s.sequence, s.min)), ...spec.characterClasses.map((c) => pool(characterClasses[c.class], c.min))];
}

/**
 * Heat's generate_password: `min` characters drawn from each pool, the rest drawn from the union
 * of all pools (each distinct character equally likely), then the whole shuffled.
 * `randomIndex(n)` returns a uniform integer in [0, n); the provider passes crypto.randomInt.
 */
export function generateRandomString(length: number, pools: readonly CharacterPool[], randomIndex: (n: number) => number): string {
  const drawn: string[] = [];
  const pick = (characters: readonly string[]) => drawn.push(characters[randomIndex(characters.length)]);
  for (const pool of pools) {
    for (let i = 0; i < pool.min; i++) pick(pool.characters);
  }
  const union = [...new Set(pools.flatMap((pool) => pool.characters))];
  while (drawn.length < length) pick(union);
  // Fisher-Yates: every order equally likely, as Python's random.sample of the whole buffer.
  for (let i = drawn.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [drawn[i], drawn[j]] = [drawn[j], drawn[i]];
  }
  return drawn.join("");
}
