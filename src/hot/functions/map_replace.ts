import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { isMap } from "./python";
import { FunctionContext, FunctionDefinition, FunctionNode } from "./types";

/**
 * Heat's MapReplace on plain arguments: `[map, {keys: {old: new}, values: {old: new}}]`. Keys are
 * renamed (a rename onto another existing key is an error); values equal to a `values` key are
 * replaced whole. Only string values can match: parsed maps have string keys.
 */
export function mapReplace(fnName: string, args: unknown): Record<string, unknown> {
  const example = `"${fnName}" : [ { "key1": "val1" }, {"keys": {"key1": "key2"}, "values": {"val1": "val2"}}]`;
  const ensureMap = (value: unknown): Record<string, unknown> => {
    if (value === null) {
      return {};
    }
    if (!isMap(value)) {
      throw new FunctionError(`Incorrect arguments: to "${fnName}", arguments must be a list of maps. Example:  ${example}`);
    }
    return value;
  };
  const incorrect = () => new FunctionError(`Incorrect arguments to "${fnName}" should be: ${example}`);
  // Heat pops the two maps off the list, checking each as it goes, then checks nothing is left.
  if (!Array.isArray(args) || args.length === 0) {
    throw incorrect();
  }
  const input = ensureMap(args[0]);
  if (args.length < 2) {
    throw incorrect();
  }
  const replacements = ensureMap(args[1]);
  if (args.length > 2) {
    throw incorrect();
  }
  if (Object.keys(replacements).some((key) => key !== "keys" && key !== "values")) {
    throw incorrect();
  }
  const keyMap = ensureMap(replacements.keys ?? {});
  const valueMap = ensureMap(replacements.values ?? {});
  const has = (map: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(map, key);
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const renamed = has(keyMap, key) ? keyMap[key] : null;
    let newKey = key;
    if (renamed !== null) {
      newKey = String(renamed);
      if (has(input, newKey) && newKey !== key) {
        throw new FunctionError(`key replacement ${newKey} collides with a key in the input map`);
      }
      if (has(result, newKey)) {
        throw new FunctionError(`key replacement ${newKey} collides with a key in the output map`);
      }
    }
    const value = input[key];
    result[newKey] = typeof value === "string" && has(valueMap, value) ? valueMap[value] : value;
  }
  return result;
}

/** `map_replace: [map, {keys, values}]` (from 2016-10-14). */
export class MapReplaceNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => mapReplace(this.fnName, args));
  }
}

export const mapReplaceDefinition: FunctionDefinition = {
  heatClass: "MapReplace",
  create: (call) => new MapReplaceNode(call.fnName, call.args, call.location),
};
