/**
 * JSON as Heat (Python) sees it. Heat parses a signal body with `json.loads` and builds the
 * WaitCondition `data` attribute with `json.dumps`, so the exact bytes depend on Python's rules:
 * integers keep every digit, `1.0` stays a float, object keys keep insertion order (also for
 * "1" and "2", which a JavaScript object would reorder), non-ASCII is written as `\uXXXX`,
 * separators are `", "` and `": "`. `str(id)` uses Python's `repr` for non-string ids. A
 * JavaScript `JSON.parse` loses all of that, hence this small model.
 *
 * Every function here is self-contained (no imports) so the Pulumi dynamic providers that use
 * them serialize cleanly.
 */

/** A Python `int`: its exact decimal digits. */
export interface PyInt {
  readonly kind: "int";
  readonly digits: string;
}

/** A Python `float`. */
export interface PyFloat {
  readonly kind: "float";
  readonly value: number;
}

/** A Python `dict` parsed from JSON: keys in insertion order. */
export interface PyDict {
  readonly kind: "dict";
  readonly entries: Map<string, PyValue>;
}

/** A JSON value as Python's `json.loads` returns it. */
export type PyValue = null | boolean | string | PyInt | PyFloat | PyDict | PyValue[];

/** Thrown for text that Python's `json.loads` would reject. */
export class PyJsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the text (UTF-16 code units) where parsing failed. */
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "PyJsonSyntaxError";
  }
}

/** Python's json number grammar (json.scanner.NUMBER_RE). */
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;

/** Nesting deeper than this is rejected (Python would hit its recursion limit around 1000). */
const MAX_DEPTH = 512;

/** JSON's one-character escapes, as `\\<key>` decodes. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** The bare words Python's json accepts, with their values. */
const LITERALS: readonly (readonly [string, PyValue])[] = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["NaN", { kind: "float", value: NaN }],
  ["Infinity", { kind: "float", value: Infinity }],
  ["-Infinity", { kind: "float", value: -Infinity }],
];

/**
 * Parses JSON like Python's `json.loads`: NaN/Infinity/-Infinity are accepted, a repeated key
 * keeps its first position with the last value, integers keep all digits.
 */
export function parsePyJson(text: string): PyValue {
  let pos = 0;
  const fail = (message: string): never => {
    throw new PyJsonSyntaxError(message, pos);
  };
  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else break;
    }
  };
  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = "";
    // Runs of plain characters are copied with one slice, not a character at a time.
    let run = pos;
    for (;;) {
      if (pos >= text.length) {
        pos = start;
        fail("Unterminated string");
      }
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(run, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail("Invalid control character in string");
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(run, pos);
      const escape = text[pos + 1];
      if (escape !== undefined && Object.hasOwn(SIMPLE_ESCAPES, escape)) {
        out += SIMPLE_ESCAPES[escape];
        pos += 2;
      } else if (escape === "u") {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\uXXXX escape");
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else {
        fail("Invalid \\escape");
      }
      run = pos;
    }
  };
  const parseNumber = (): PyValue => {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) return fail("Expecting value");
    if (match[2] === undefined && match[3] === undefined) {
      // Python refuses to convert integers longer than 4300 digits.
      if (match[1].replace("-", "").length > 4300) fail("Integer too long");
      pos += match[0].length;
      return { kind: "int", digits: match[1] === "-0" ? "0" : match[1] };
    }
    pos += match[0].length;
    return { kind: "float", value: Number(match[0]) };
  };
  const parseValue = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail("Nesting too deep");
    skipWhitespace();
    const c = text[pos];
    if (c === "{") {
      pos++;
      const entries = new Map<string, PyValue>();
      skipWhitespace();
      if (text[pos] === "}") {
        pos++;
        return { kind: "dict", entries };
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] !== '"') fail("Expecting property name enclosed in double quotes");
        const key = parseString();
        skipWhitespace();
        if (text[pos] !== ":") fail("Expecting ':' delimiter");
        pos++;
        entries.set(key, parseValue(depth + 1));
        skipWhitespace();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return { kind: "dict", entries };
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === "[") {
      pos++;
      const items: PyValue[] = [];
      skipWhitespace();
      if (text[pos] === "]") {
        pos++;
        return items;
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        skipWhitespace();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return items;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === '"') return parseString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    return parseNumber();
  };
  const value = parseValue(0);
  skipWhitespace();
  if (pos !== text.length) fail("Extra data");
  return value;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa, exponentText] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expDigits = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}

/** Printable ASCII other than `"` and `\\`: what `json.dumps` writes unchanged. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The characters `json.dumps` escapes by name rather than as `\\uXXXX`. */
const NAMED_ESCAPES: Readonly<Record<number, string>> = { 0x22: '\\"', 0x5c: "\\\\", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };

/** Python's `json.dumps(value)` with its defaults (ensure_ascii, `", "` and `": "`). */
export function pyJsonDumps(value: PyValue): string {
  const dumpString = (s: string): string => {
    // Most strings (ids, statuses, host names) need no escaping at all.
    if (PLAIN_ASCII.test(s)) return `"${s}"`;
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const named = NAMED_ESCAPES[c];
      if (named !== undefined) out += named;
      else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
      else out += s[i];
    }
    return `${out}"`;
  };
  const dump = (v: PyValue): string => {
    if (v === null) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "string") return dumpString(v);
    if (Array.isArray(v)) return `[${v.map(dump).join(", ")}]`;
    if (v.kind === "int") return v.digits;
    if (v.kind === "float") return pyFloatRepr(v.value);
    return `{${[...v.entries].map(([k, item]) => `${dumpString(k)}: ${dump(item)}`).join(", ")}}`;
  };
  return dump(value);
}

/** Python's `str(value)` for a parsed JSON value (`repr` inside containers, as Python does). */
export function pyStr(value: PyValue): string {
  const reprString = (s: string): string => {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
      const cp = ch.codePointAt(0) as number;
      if (ch === "\\" || ch === quote) out += `\\${ch}`;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch !== " " && /[\p{C}\p{Z}]/u.test(ch)) {
        if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, "0")}`;
        else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
        else out += `\\U${cp.toString(16).padStart(8, "0")}`;
      } else out += ch;
    }
    return out + quote;
  };
  const repr = (v: PyValue): string => {
    if (v === null) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "string") return reprString(v);
    if (Array.isArray(v)) return `[${v.map(repr).join(", ")}]`;
    if (v.kind === "int") return v.digits;
    if (v.kind === "float") {
      const text = pyFloatRepr(v.value);
      return text === "NaN" ? "nan" : text.replace("Infinity", "inf");
    }
    return `{${[...v.entries].map(([k, item]) => `${reprString(k)}: ${repr(item)}`).join(", ")}}`;
  };
  return typeof value === "string" ? value : repr(value);
}

/** A plain JavaScript value for display (API responses); numbers may lose precision. */
export function pyToJs(value: PyValue): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(pyToJs);
  if (value.kind === "int") return Number(value.digits);
  if (value.kind === "float") return Number.isFinite(value.value) ? value.value : pyFloatRepr(value.value);
  return Object.fromEntries([...value.entries].map(([k, v]) => [k, pyToJs(v)]));
}
