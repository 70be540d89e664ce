/**
 * OS::Heat::RandomString → heatshift's RandomString component, whose dynamic provider draws the
 * string exactly as Heat does (randomStringGenerator.ts). This module is the importer's entry:
 * Heat's schema, its translation rule, validation and the factory.
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomString } from "../../../components/RandomString";
import { PropertiesSchema, RegistryEntry } from "../types";
import {
  CharacterClass,
  CharacterClassMinimum,
  CharacterSequenceMinimum,
  characterClasses,
  heatDefaults,
  minimumsTooLargeMessage,
  randomStringType,
  translateSequence,
} from "./randomStringGenerator";

export const hotType = "OS::Heat::RandomString";
/** The Pulumi type the HOT type becomes (the component's type token). */
export const pulumiType = randomStringType;

const range = { min: heatDefaults.lowest, max: heatDefaults.highest };
export const heatProperties: PropertiesSchema = {
  length: { type: "Integer", default: heatDefaults.length, range },
  character_classes: {
    type: "List",
    default: [{ class: heatDefaults.characterClass, min: heatDefaults.min }],
    items: {
      type: "Map",
      keys: {
        class: { type: "String", default: heatDefaults.characterClass, allowed: Object.keys(characterClasses) },
        min: { type: "Integer", default: heatDefaults.min, range },
      },
    },
  },
  character_sequences: {
    type: "List",
    items: {
      type: "Map",
      keys: {
        sequence: { type: "String", required: true },
        min: { type: "Integer", default: heatDefaults.min, range },
      },
    },
  },
  salt: { type: "String" },
};

const sumOfMins = (items: unknown): number | undefined => {
  if (items === undefined) return 0;
  if (!Array.isArray(items)) return undefined;
  let sum = 0;
  for (const item of items) {
    const min = (item as { min?: unknown } | null)?.min;
    if (typeof min !== "number") return undefined;
    sum += min;
  }
  return sum;
};

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  // `sequence` is Heat's hidden (deprecated) property; `translate` turns it into a class as Heat does.
  properties: { ...heatProperties, sequence: { type: "String", allowed: Object.keys(characterClasses) } },
  translate(values) {
    const { sequence, ...rest } = values;
    if (sequence === undefined || sequence === null) return rest;
    const classes = rest.character_classes;
    // Not known yet (an Output), or not a list (the schema check reports that): left to the component.
    if (classes !== undefined && classes !== null && !Array.isArray(classes)) return values;
    return { ...rest, character_classes: translateSequence((classes ?? undefined) as unknown[] | undefined, sequence as CharacterClass) };
  },
  validate(props) {
    const classes = sumOfMins(props.character_classes);
    const sequences = sumOfMins(props.character_sequences);
    if (typeof props.length !== "number" || classes === undefined || sequences === undefined) return [];
    return classes + sequences > props.length ? [{ message: minimumsTooLargeMessage, path: ["length"] }] : [];
  },
  attributes: { value: { description: "The generated string (a secret); also the resource's reference (get_resource)." } },
  create(ctx) {
    const p = ctx.properties;
    const randomString = new RandomString(
      ctx.logicalName,
      {
        length: p.length as pulumi.Input<number>,
        characterClasses: p.character_classes as pulumi.Input<readonly CharacterClassMinimum[]>,
        characterSequences: p.character_sequences as pulumi.Input<readonly CharacterSequenceMinimum[]> | undefined,
        // Left by `translate` only when character_classes is not known yet: the component adds it then.
        sequence: p.sequence as pulumi.Input<CharacterClass> | undefined,
        salt: p.salt as pulumi.Input<string> | undefined,
      },
      ctx.options,
    );
    return { referenceId: randomString.value, resources: [randomString], attribute: (name) => (name === "value" ? randomString.value : undefined) };
  },
};
