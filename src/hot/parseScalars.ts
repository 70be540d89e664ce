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

const MAY_BE_NULL = 1;
const MAY_BE_BOOL = 2;
const MAY_BE_INT = 4;
const MAY_BE_FLOAT = 8;
const MAY_BE_DECLINED = 16;

/** For each ASCII first character, the implicit types a plain scalar starting with it may have. */
const FIRST_CHAR_KINDS = new Uint8Array(128);
for (const [chars, kind] of [
  ["~nN", MAY_BE_NULL],
  ["yYnNtTfFoO", MAY_BE_BOOL],
  ["-+0123456789", MAY_BE_INT],
  ["-+.0123456789", MAY_BE_FLOAT],
  ["<=", MAY_BE_DECLINED],
] as const) {
  for (const c of chars) FIRST_CHAR_KINDS[c.charCodeAt(0)] |= kind;
}

/** A plain scalar as PyYAML resolves it (the same rules as `scalarTags`); `<<` and `=` are declined. */
export function resolvePlain(text: string): unknown {
  if (text.length === 0) return null;
  const first = text.charCodeAt(0);
  // Most scalars are names and words: one table lookup rules out every implicit type.
  const kinds = first < 128 ? FIRST_CHAR_KINDS[first] : 0;
  if (kinds === 0) return text;
  if (kinds & MAY_BE_NULL && PY_NULL.test(text)) return null;
  if (kinds & MAY_BE_BOOL && PY_BOOL.test(text)) return PY_TRUE.test(text);
  if (kinds & MAY_BE_INT && PY_INT.test(text)) return constructInt(text, decline);
  if (kinds & MAY_BE_FLOAT && PY_FLOAT.test(text)) return constructFloat(text, decline);
  if (kinds & MAY_BE_DECLINED && (text === "<<" || text === "=")) decline();
  return text;
}

/**
 * A block scalar's value (`|` or `>`) as PyYAML ends it: its last line keeps the line break it has
 * in the text, so a last line that ends a file without one adds none. Both JS readers add "\n"
 * there anyway (`t: |` then `  x` at the end of a file: PyYAML "x", they "x\n").
 * `valueEnd` is where the scalar ends in `text`.
 */
export function blockScalarValue(value: string, valueEnd: number, text: string): string {
  return valueEnd >= text.length && value.endsWith("\n") && !LINE_BREAK_AT_END.test(text) ? value.slice(0, -1) : value;
}
/** PyYAML's line breaks, at the end of a text. */
const LINE_BREAK_AT_END = /[\n\r\x85\u2028\u2029]$/;

/** The text as Python `str()` sees a YAML key. */
export function keyText(key: unknown): string {
  return typeof key === "string" ? key : pythonRepr(key);
}

