import * as pulumi from "@pulumi/pulumi";
import { execFile } from "child_process";
import { randomInt } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { resolveProperties } from "../../src/registry/properties";
import {
  CharacterClass,
  RandomStringProperties,
  RandomStringSpec,
  characterClasses,
  characterPools,
  generateRandomString,
  minimumsTooLargeMessage,
  randomStringSpec,
} from "../../src/registry/heat/randomStringGenerator";
import { registryEntry } from "../../src/registry/heat/RandomString";
import { RandomStringOutputs, randomStringProvider } from "../../src/registry/heat/randomStringProvider";

const LETTERS_DIGITS = [{ class: "lettersdigits" as const, min: 1 }];
const generate = (spec: RandomStringSpec) => generateRandomString(spec.length, characterPools(spec), randomInt);
const count = (text: string, characters: string) => Array.from(text).filter((ch) => characters.includes(ch)).length;

describe("Heat's character classes (password_gen.py)", () => {
  it("are Python's string constants", () => {
    expect(characterClasses).toEqual({
      lettersdigits: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
      letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
      lowercase: "abcdefghijklmnopqrstuvwxyz",
      uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      digits: "0123456789",
      hexdigits: "0123456789ABCDEF",
      octdigits: "01234567",
    });
  });
});

describe("randomStringSpec: Heat's defaults, translation and validation", () => {
  it.each<[string, RandomStringProperties, RandomStringSpec]>([
    ["nothing given: 32 of lettersdigits", {}, { length: 32, characterClasses: LETTERS_DIGITS, characterSequences: [] }],
    ["heat_2b: length 32, sequence lettersdigits", { length: 32, sequence: "lettersdigits" }, { length: 32, characterClasses: LETTERS_DIGITS, characterSequences: [] }],
    ["sequence alone replaces the default class", { sequence: "octdigits" }, { length: 32, characterClasses: [{ class: "octdigits", min: 1 }], characterSequences: [] }],
    [
      "sequence is appended to given classes",
      { characterClasses: [{ class: "uppercase", min: 3 }], sequence: "digits" },
      { length: 32, characterClasses: [{ class: "uppercase", min: 3 }, { class: "digits", min: 1 }], characterSequences: [] },
    ],
    ["an item without class or min is lettersdigits, 1", { characterClasses: [{}] }, { length: 32, characterClasses: LETTERS_DIGITS, characterSequences: [] }],
    [
      "sequences alone keep the default class (Heat's schema default)",
      { length: 8, characterSequences: [{ sequence: "!@#" }] },
      { length: 8, characterClasses: LETTERS_DIGITS, characterSequences: [{ sequence: "!@#", min: 1 }] },
    ],
    [
      "no classes, only sequences",
      { length: 4, characterClasses: [], characterSequences: [{ sequence: "xy", min: 4 }] },
      { length: 4, characterClasses: [], characterSequences: [{ sequence: "xy", min: 4 }] },
    ],
    [
      "minimums exactly the length, salt kept",
      { length: 6, characterClasses: [{ class: "lowercase", min: 2 }, { class: "digits", min: 3 }], characterSequences: [{ sequence: "-", min: 1 }], salt: "2024" },
      { length: 6, characterClasses: [{ class: "lowercase", min: 2 }, { class: "digits", min: 3 }], characterSequences: [{ sequence: "-", min: 1 }], salt: "2024" },
    ],
  ])("%s", (_title, props, expected) => {
    expect(randomStringSpec(props, "r")).toEqual(expected);
  });

  it.each<[RandomStringProperties, string]>([
    [{ length: 0 }, "r: length is 0; expected an integer from 1 to 512 (Heat: 0 is out of range (min: 1, max: 512))"],
    [{ length: 513 }, "r: length is 513; expected an integer from 1 to 512 (Heat: 513 is out of range (min: 1, max: 512))"],
    [{ length: 3.5 }, "r: length is 3.5; expected an integer from 1 to 512"],
    [{ length: "32" as never }, 'r: length is "32"; expected an integer from 1 to 512'],
    [{ sequence: "symbols" as CharacterClass }, 'r: sequence is "symbols"; expected one of lettersdigits, letters, lowercase, uppercase, digits, hexdigits, octdigits'],
    [{ characterClasses: [{ class: "punctuation" as CharacterClass }] }, 'r: characterClasses[0].class is "punctuation"; expected one of lettersdigits, letters'],
    [{ characterClasses: [{ class: "digits", min: 0 }] }, "r: characterClasses[0].min is 0; expected an integer from 1 to 512 (Heat: 0 is out of range (min: 1, max: 512))"],
    [{ characterSequences: [{ sequence: "!", min: 600 }] }, "r: characterSequences[0].min is 600; expected an integer from 1 to 512"],
    [{ characterSequences: [{ sequence: "" }] }, 'r: characterSequences[0].sequence is ""; expected a non-empty string of the characters to draw from'],
    [{ characterClasses: [] }, "r: characterClasses is [] and there are no characterSequences, so there are no characters to draw from"],
    [
      { length: 4, characterClasses: [{ class: "digits", min: 3 }], characterSequences: [{ sequence: "!@", min: 2 }] },
      `r: length is 4, smaller than the sum of the minimum counts (5); raise length or lower the minimums (Heat: ${minimumsTooLargeMessage})`,
    ],
    // The default class counts towards the minimums too, as in Heat.
    [{ length: 2, characterSequences: [{ sequence: "!", min: 2 }] }, "r: length is 2, smaller than the sum of the minimum counts (3)"],
  ])("refuses %j", (props, message) => {
    expect(() => randomStringSpec(props, "r")).toThrow(message);
  });
});

describe("generateRandomString: Heat's generate_password", () => {
  it("draws the minimums pool by pool (sequences first), fills from the distinct union, then shuffles everything", () => {
    const script = [1, 7, 0, 11, 0, 1, 0];
    const asked: number[] = [];
    const randomIndex = (n: number) => {
      asked.push(n);
      return script[asked.length - 1];
    };
    const spec = randomStringSpec({ length: 4, characterClasses: [{ class: "digits" }], characterSequences: [{ sequence: "abba" }] }, "r");
    // Draws: "b" from [a, b], "7" from the digits, "a" and "9" from the 12 distinct characters;
    // then [b, 7, a, 9] shuffled by Fisher-Yates swaps (3↔0, 2↔1, 1↔0).
    expect(generateRandomString(spec.length, characterPools(spec), randomIndex)).toEqual("a97b");
    expect(asked).toEqual([2, 10, 12, 12, 4, 3, 2]);
  });

  it("counts a character once however many classes hold it (the fill draws from a set)", () => {
    const spec = randomStringSpec({ length: 3, characterClasses: [{ class: "hexdigits" }, { class: "digits" }, { class: "octdigits" }] }, "r");
    const asked: number[] = [];
    generateRandomString(spec.length, characterPools(spec), (n) => (asked.push(n), 0));
    expect(asked).toEqual([16, 10, 8, 3, 2]);
  });

  it("takes characters by code point, as Python does", () => {
    const spec = randomStringSpec({ length: 6, characterClasses: [], characterSequences: [{ sequence: "😀é", min: 6 }] }, "r");
    const value = generate(spec);
    expect(Array.from(value).length).toEqual(6);
    expect(Array.from(value).every((ch) => ch === "😀" || ch === "é")).toEqual(true);
  });

  it.each(Object.entries(characterClasses))("sequence %s: 32 characters of that class only", (name, members) => {
    const spec = randomStringSpec({ sequence: name as CharacterClass }, "r");
    for (let i = 0; i < 50; i++) {
      const value = generate(spec);
      expect(value.length).toEqual(32);
      expect(count(value, members)).toEqual(32);
    }
  });

  it("meets every minimum, uses only allowed characters and reaches all of them (2000 strings)", () => {
    const spec = randomStringSpec(
      { length: 12, characterClasses: [{ class: "uppercase", min: 2 }, { class: "digits", min: 3 }], characterSequences: [{ sequence: "!@#", min: 1 }] },
      "r",
    );
    const allowed = characterClasses.uppercase + characterClasses.digits + "!@#";
    const seen = new Set<string>();
    const shortfalls: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const value = generate(spec);
      Array.from(value).forEach((ch) => seen.add(ch));
      if (value.length !== 12 || count(value, allowed) !== 12 || count(value, characterClasses.uppercase) < 2 || count(value, characterClasses.digits) < 3 || count(value, "!@#") < 1) {
        shortfalls.push(value);
      }
    }
    expect(shortfalls).toEqual([]);
    expect([...seen].sort().join("")).toEqual([...allowed].sort().join(""));
  });

  it("draws the 62 letters and digits about equally often (1000 strings of 32)", () => {
    const frequency = new Map<string, number>();
    const spec = randomStringSpec({}, "r");
    for (let i = 0; i < 1000; i++) for (const ch of generate(spec)) frequency.set(ch, (frequency.get(ch) ?? 0) + 1);
    // Expected 516 each, standard deviation about 22: the bounds are more than 7 deviations away.
    const outliers = [...frequency].filter(([, n]) => n < 350 || n > 700);
    expect([frequency.size, outliers]).toEqual([62, []]);
  });
});

describe("the registry entry (importer, validate)", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["defaults", {}, { length: 32, character_classes: [{ class: "lettersdigits", min: 1 }] }],
    ["sequence alone (heat_2b)", { length: 32, sequence: "lettersdigits" }, { length: 32, character_classes: [{ class: "lettersdigits", min: 1 }] }],
    ["sequence after given classes", { sequence: "digits", character_classes: [{ class: "letters" }] }, { length: 32, character_classes: [{ class: "letters", min: 1 }, { class: "digits", min: 1 }] }],
    [
      "sequences and salt",
      { length: "8", character_sequences: [{ sequence: "!@" }], salt: "x" },
      { length: 8, character_classes: [{ class: "lettersdigits", min: 1 }], character_sequences: [{ sequence: "!@", min: 1 }], salt: "x" },
    ],
  ])("%s", (_title, given, values) => {
    expect(resolveProperties(registryEntry, given)).toEqual({ values, problems: [] });
  });

  it("reports Heat's message when the minimums exceed the length", () => {
    const { problems } = resolveProperties(registryEntry, { length: 2, character_classes: [{ class: "digits", min: 2 }], character_sequences: [{ sequence: "!" }] });
    expect(problems).toEqual([{ message: "Length property cannot be smaller than combined character class and character sequence minimums", path: ["length"] }]);
  });

  it("leaves sequence to the component when character_classes is not known yet", () => {
    const classes = pulumi.output([{ class: "letters" }]);
    expect(registryEntry.translate!({ sequence: "digits", character_classes: classes })).toEqual({ sequence: "digits", character_classes: classes });
  });

  it("leaves the minimum check to deployment when a count is not known yet", () => {
    const { problems } = resolveProperties(registryEntry, { length: pulumi.output(2), character_classes: [{ class: "digits", min: 5 }] });
    expect(problems).toEqual([]);
  });
});

describe("the dynamic provider", () => {
  const spec = randomStringSpec({ length: 16, characterClasses: [{ class: "hexdigits", min: 4 }], characterSequences: [{ sequence: "-", min: 2 }] }, "r");

  it("creates a string of the spec under an id that is not the string", async () => {
    const created = await randomStringProvider.create(spec);
    const outs = created.outs as RandomStringOutputs;
    expect({ ...outs, value: undefined }).toEqual({ ...spec, value: undefined });
    expect([outs.value.length, count(outs.value, characterClasses.hexdigits + "-"), count(outs.value, "-") >= 2]).toEqual([16, 16, true]);
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("refuses inputs Heat would refuse", async () => {
    await expect(randomStringProvider.create({ ...spec, length: 5 })).rejects.toThrow(
      `OS::Heat::RandomString: length is 5, smaller than the sum of the minimum counts (6); raise length or lower the minimums (Heat: ${minimumsTooLargeMessage})`,
    );
  });

  const olds: RandomStringOutputs & { __provider: string } = { ...spec, value: "0123456789ABCDEF", __provider: "old code" };
  it.each<[string, Partial<RandomStringSpec> & { __provider?: string }, string[]]>([
    ["nothing changed (new provider code alone does not count)", { __provider: "new code" }, []],
    ["salt set", { salt: "1" }, ["salt"]],
    ["length", { length: 17 }, ["length"]],
    ["a class minimum", { characterClasses: [{ class: "hexdigits", min: 5 }] }, ["characterClasses"]],
    ["a sequence and the salt", { characterSequences: [{ sequence: "_", min: 2 }], salt: "2" }, ["characterSequences", "salt"]],
  ])("diff: %s", async (_title, change, replaces) => {
    const news = { ...spec, __provider: "old code", ...change };
    expect(await randomStringProvider.diff!("id", olds, news)).toEqual({ changes: replaces.length > 0, replaces, deleteBeforeReplace: false });
  });

  it("diff: a salt removed replaces too", async () => {
    const { salt: _salt, ...withoutSalt } = { ...spec, salt: "1" };
    expect(await randomStringProvider.diff!("id", { ...olds, salt: "1" }, withoutSalt)).toEqual({ changes: true, replaces: ["salt"], deleteBeforeReplace: false });
  });

  it("update keeps the string", async () => {
    expect(await randomStringProvider.update!("id", olds, { ...spec })).toEqual({ outs: { ...spec, value: "0123456789ABCDEF" } });
  });

  // Pulumi runs dynamic providers from a serialized closure in another process: what the provider
  // captures (Heat's classes, the generator, crypto, util) must survive that, and nothing else be dragged in.
  it("serializes and runs in another process", async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => randomStringProvider);
    expect(["registryEntry", "@pulumi/pulumi", "RandomStringValue"].filter((name) => serialized.text.includes(name))).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-random-"));
    try {
      const file = path.join(dir, "provider.js");
      fs.writeFileSync(file, `${serialized.text}\nmodule.exports.provider = exports.${serialized.exportName}();\n`);
      const script = `
        const provider = require(${JSON.stringify(file)}).provider;
        (async () => {
          const created = await provider.create(${JSON.stringify(spec)});
          const diff = await provider.diff(created.id, created.outs, { ...${JSON.stringify(spec)}, salt: "s" });
          process.stdout.write(JSON.stringify({ length: created.outs.value.length, allowed: /^[0-9A-F-]+$/.test(created.outs.value), dashes: created.outs.value.split("-").length - 1 >= 2, diff }));
        })().catch((e) => { console.error(e); process.exit(1); });`;
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { timeout: 20_000 });
      expect(JSON.parse(stdout)).toEqual({ length: 16, allowed: true, dashes: true, diff: { changes: true, replaces: ["salt"], deleteBeforeReplace: false } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
