/**
 * PyYAML's scalar rules as Heat's loader applies them (YAML 1.1 implicit types, timestamps kept as
 * strings), shared by heatshift's YAML readers (parse.ts, parseLines.ts).
 */
import { pythonRepr } from "./functions/python";

// PyYAML's implicit resolvers (yaml/resolver.py), minus the timestamp one whose values Heat keeps as strings.
export const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
export const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
export const PY_INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
export const PY_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
export const PY_NULL = /^(?:~|null|Null|NULL|)$/;
export const PY_VALUE = /^(?:=)$/;

/** Base-60 digits `a:b:c` as PyYAML combines them. */
function sexagesimal(text: string): number {
  return text.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** PyYAML's construct_yaml_int. */
export function constructInt(source: string, onError: (message: string) => void): number {
  let text = source.replace(/_/g, "");
  let sign = 1;
  if (text[0] === "-" || text[0] === "+") {
    if (text[0] === "-") sign = -1;
    text = text.slice(1);
  }
  let n: number;
  if (text === "0") n = 0;
  else if (text.startsWith("0b")) n = parseInt(text.slice(2), 2);
  else if (text.startsWith("0x")) n = parseInt(text.slice(2), 16);
  else if (text.startsWith("0") && /^[0-7]+$/.test(text)) n = parseInt(text, 8);
  else if (text.includes(":")) n = sexagesimal(text);
  else n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n)) onError(`invalid literal for int(): '${source}'`);
  return n === 0 ? 0 : sign * n;
}

/** PyYAML's construct_yaml_float. */
export function constructFloat(source: string, onError: (message: string) => void): number {
  let text = source.replace(/_/g, "").toLowerCase();
  let sign = 1;
  if (text[0] === "-" || text[0] === "+") {
    if (text[0] === "-") sign = -1;
    text = text.slice(1);
  }
  if (text === ".inf") return sign * Infinity;
  if (text === ".nan") return NaN;
  const n = text.includes(":") ? sexagesimal(text) : Number(text);
  if (Number.isNaN(n)) onError(`could not convert string to float: '${source}'`);
  return sign * n;
}

/** What the fast reader leaves to the full one. */
export class Declined extends Error {}

export function decline(): never {
  throw new Declined("left to the full YAML reader");
}

/** A plain scalar as PyYAML resolves it (the same rules as `scalarTags`); `<<` and `=` are declined. */
export function resolvePlain(text: string): unknown {
  const first = text.length === 0 ? "" : text[0];
  if ((first === "" || first === "~" || first === "n" || first === "N") && PY_NULL.test(text)) return null;
  if ("yYnNtTfFoO".includes(first) && PY_BOOL.test(text)) return PY_TRUE.test(text);
  if ("-+0123456789".includes(first) && PY_INT.test(text)) return constructInt(text, decline);
  if ("-+.0123456789".includes(first) && PY_FLOAT.test(text)) return constructFloat(text, decline);
  if (text === "<<" || PY_VALUE.test(text)) decline();
  return text;
}

/** The text as Python `str()` sees a YAML key. */
export function keyText(key: unknown): string {
  return typeof key === "string" ? key : pythonRepr(key);
}

