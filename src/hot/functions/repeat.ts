import { FunctionError } from "./errors";
import { evaluateSnippet, located, whenAllKnown } from "./evaluate";
import { describeType, isMap } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode, NodeLocation, Snippet } from "./types";

/** How the repeat variants of the versions differ. */
interface RepeatVariant {
  readonly heatClass: string;
  /** From 2016-10-14 (RepeatWithMap): a map value iterates its keys. */
  readonly maps: boolean;
  /** From 2017-09-01 (RepeatWithNestedLoop): the `permutations` key. */
  readonly permutationsKey: boolean;
}

const SYNTAX = `"repeat" syntax should be repeat:
  template: This is %var%
  for_each:
    %var%: ['a', 'b', 'c']`;

/**
 * Heat's Repeat on plain values. `template` has already been evaluated (functions inside it ran
 * before substitution, as in Heat). Each combination of values (the product in `forEach` key
 * order, or a zip when `permutations` is false) yields a copy of the template in which every
 * string, map key included, has each variable replaced in turn (so replacements can cascade).
 */
export function repeat(
  fnName: string,
  template: unknown,
  forEach: unknown,
  options: { readonly maps: boolean; readonly permutations: boolean },
): unknown[] {
  if (!isMap(forEach)) {
    throw new FunctionError(`The "for_each" argument to "${fnName}" must contain a map`);
  }
  const variables = Object.keys(forEach);
  if (variables.length === 0) {
    // Heat fails to unpack an empty for_each.
    throw new FunctionError(`The "for_each" argument to "${fnName}" must not be empty`);
  }
  const valueLists: unknown[][] = variables.map((variable) => {
    const value = forEach[variable];
    if (value === null) {
      return [];
    }
    if (Array.isArray(value)) {
      return value;
    }
    if (options.maps && options.permutations && isMap(value)) {
      return Object.keys(value);
    }
    const expected = options.maps && options.permutations ? "lists or maps" : "lists";
    throw new FunctionError(`The values of the "for_each" argument to "${fnName}" must be ${expected}`);
  });
  let combinations: unknown[][];
  if (options.permutations) {
    combinations = valueLists.reduce<unknown[][]>(
      (product, values) => product.flatMap((prefix) => values.map((value) => [...prefix, value])),
      [[]],
    );
  } else {
    const lengths = new Set(variables.filter((v) => forEach[v] !== null).map((v) => (forEach[v] as unknown[]).length));
    if (lengths.size > 1) {
      throw new FunctionError(`For ${fnName}, the length of for_each values should be equal if no nested loop.`);
    }
    const length = Math.min(...valueLists.map((values) => values.length));
    combinations = Array.from({ length }, (_, i) => valueLists.map((values) => values[i]));
  }
  return combinations.map((values) => substitute(template, variables, values));
}

function substitute(template: unknown, variables: readonly string[], values: readonly unknown[]): unknown {
  if (typeof template === "string") {
    let text = template;
    variables.forEach((variable, i) => {
      const value = values[i];
      if (typeof value !== "string") {
        // Python's str.replace needs a string.
        throw new FunctionError(`replace() argument 2 must be str, not ${describeType(value)}`);
      }
      text = text.replaceAll(variable, () => value);
    });
    return text;
  }
  if (Array.isArray(template)) {
    return template.map((item) => substitute(item, variables, values));
  }
  if (isMap(template)) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(template)) {
      result[substitute(key, variables, values) as string] = substitute(template[key], variables, values);
    }
    return result;
  }
  return template;
}

/** A repeat call; `args` is normalised to `{template, for_each, permutations}`. */
export class RepeatNode extends FunctionNode {
  constructor(
    fnName: string,
    args: Snippet,
    location: NodeLocation,
    /** Which version's repeat this is (the converter passes it on to {@link repeat}). */
    readonly variant: RepeatVariant,
  ) {
    super(fnName, args, location);
  }

  evaluate(ctx: FunctionContext): unknown {
    const { template, for_each: forEach, permutations } = this.args as { [key: string]: Snippet };
    const values = [evaluateSnippet(forEach, ctx), evaluateSnippet(template, ctx)];
    return whenAllKnown(values, ([plainForEach, plainTemplate]) =>
      located(this, () =>
        repeat(this.fnName, plainTemplate, plainForEach, { maps: this.variant.maps, permutations: permutations !== false }),
      ),
    );
  }
}

function definition(variant: RepeatVariant): FunctionDefinition {
  return {
    heatClass: variant.heatClass,
    create(call) {
      const args = call.args;
      if (!isMap(args)) {
        throw argumentError(call, `Arguments to "${call.fnName}" must be a map`);
      }
      // Unknown keys are ignored, as in Heat.
      if (!("for_each" in args) || !("template" in args)) {
        throw argumentError(call, SYNTAX);
      }
      const permutations = variant.permutationsKey && "permutations" in args ? args.permutations : true;
      if (typeof permutations !== "boolean") {
        throw argumentError(call, `"permutations" should be boolean type for ${call.fnName} function.`, "permutations");
      }
      if (!isMap(args.for_each) && !(args.for_each instanceof FunctionNode)) {
        throw argumentError(call, `The "for_each" argument to "${call.fnName}" must contain a map`, "for_each");
      }
      return new RepeatNode(call.fnName, { template: args.template, for_each: args.for_each, permutations }, call.location, variant);
    },
  };
}

/** 2015-04-30 to 2016-04-08: lists only. */
export const repeatLists = definition({ heatClass: "Repeat", maps: false, permutationsKey: false });
/** 2016-10-14 and 2017-02-24: maps iterate their keys. */
export const repeatWithMap = definition({ heatClass: "RepeatWithMap", maps: true, permutationsKey: false });
/** From 2017-09-01: `permutations: false` zips lists of equal length. */
export const repeatWithNestedLoop = definition({ heatClass: "RepeatWithNestedLoop", maps: true, permutationsKey: true });
