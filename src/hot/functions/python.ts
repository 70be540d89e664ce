/**
 * Heat is written in Python, and several intrinsic functions expose Python's own rendering and
 * comparison rules to template authors: str_replace writes values with `str()`, list_join and
 * str_replace serialise lists and maps with `json.dumps(sort_keys=True)`, equals/filter/contains use
 * `==`. These helpers reproduce those rules on the plain JS tree a YAML parse gives.
 *
 * One thing cannot be reproduced: a parsed JS number does not remember whether YAML wrote `1` or
 * `1.0`. Integral numbers below 1e16 are treated as Python ints, everything else as floats.
 */

/** A parsed template value: what `yaml`'s `toJS` yields. */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/** True for a plain object used as a map (not an array, not null, not a class instance such as an Output). */
export function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The largest magnitude below which an integral JS number is rendered like a Python int. */
const INT_LIMIT = 1e16;

/** Whether a number is rendered like a Python `int` (see the module comment). */
export function isPythonInt(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) < INT_LIMIT;
}

/** Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e-05`, `1e+16`, `inf`, `nan`. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) {
    return "nan";
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  if (value === 0) {
    return Object.is(value, -0) ? "-0.0" : "0.0";
  }
  // toExponential() without an argument gives the shortest digits that round-trip, as Python does.
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) {
    return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  }
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1) || "0";
  return `${sign}${intPart}.${fracPart}`;
}

/** Python's `str()` of a number (int or float, see {@link isPythonInt}). */
export function pythonNumberStr(value: number): string {
  return isPythonInt(value) ? String(value) : pythonFloatRepr(value);
}

/** Python's `str()` of a scalar: `True`/`False` for booleans, Python number formatting. */
export function pythonScalarStr(value: string | number | boolean): string {
  if (typeof value === "string") {
    return value;
  }
  if (typeof value === "boolean") {
    return value ? "True" : "False";
  }
  return pythonNumberStr(value);
}

/** Compares two strings by Unicode code point, as Python's `sorted()` does (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) {
        // A surrogate stands for a code point above U+FFFF, which is larger than any BMP unit.
        return xs ? 1 : -1;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Python `sorted()` order of string keys. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareCodePoints);
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string literal with Python's `ensure_ascii=True`: everything outside ' '..'~' is escaped. */
function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    const escape = JSON_ESCAPES[ch];
    if (escape !== undefined) {
      out += escape;
    } else if (code < 0x20 || code > 0x7e) {
      out += "\\u" + code.toString(16).padStart(4, "0");
    } else {
      out += ch;
    }
  }
  return out + '"';
}

/**
 * Python's `json.dumps(value, sort_keys=sortKeys)`: separators `", "` and `": "`, keys in code-point
 * order, non-ASCII escaped, floats written like `repr(float)`, NaN/Infinity as `NaN`/`Infinity`.
 * Throws a TypeError for values JSON cannot represent (functions, undefined, class instances).
 */
export function pythonJsonDumps(value: unknown, sortKeys = true): string {
  if (value === null) {
    return "null";
  }
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (Number.isNaN(value)) {
        return "NaN";
      }
      if (!Number.isFinite(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
      }
      return pythonNumberStr(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return "[" + value.map((item) => pythonJsonDumps(item, sortKeys)).join(", ") + "]";
  }
  if (isMap(value)) {
    const keys = sortKeys ? sortedKeys(Object.keys(value)) : Object.keys(value);
    const parts = keys.map((key) => `${jsonString(key)}: ${pythonJsonDumps(value[key], sortKeys)}`);
    return "{" + parts.join(", ") + "}";
  }
  throw new TypeError(`Object of type ${describeType(value)} is not JSON serializable`);
}

/**
 * Python's `==` on parsed values: numbers and booleans compare numerically (`1 == 1.0 == True`),
 * strings never equal numbers, lists and maps compare deeply (maps ignore key order).
 */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  const numA = typeof a === "number" || typeof a === "boolean";
  const numB = typeof b === "number" || typeof b === "boolean";
  if (numA && numB) {
    return Number(a) === Number(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pythonEquals(item, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && pythonEquals(a[key], b[key]))
    );
  }
  return false;
}

/** The Python type name of a parsed value, for error messages that talk like Heat's (`str`, `int`, `list`, `dict`). */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) {
    return "NoneType";
  }
  if (Array.isArray(value)) {
    return "list";
  }
  switch (typeof value) {
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "number":
      return isPythonInt(value) ? "int" : "float";
    case "object":
      return isMap(value) ? "dict" : (value.constructor?.name ?? "object");
    default:
      return typeof value;
  }
}

/** Python's `repr()`-like rendering of a parsed value for error messages. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) {
    return "None";
  }
  if (typeof value === "string") {
    return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return pythonScalarStr(value);
  }
  if (Array.isArray(value)) {
    return "[" + value.map(pythonRepr).join(", ") + "]";
  }
  if (isMap(value)) {
    return "{" + Object.keys(value).map((key) => `${pythonRepr(key)}: ${pythonRepr(value[key])}`).join(", ") + "}";
  }
  return String(value);
}

/** Python truthiness: `None`, `False`, `0`, `""`, `[]` and `{}` are false. */
export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (isMap(value)) {
    return Object.keys(value).length > 0;
  }
  return Boolean(value);
}

/** Python's `int(value)` for parsed values: `undefined` where Python raises ValueError or TypeError. */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value === "boolean") {
    return value ? 1 : 0;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? Math.trunc(value) : undefined;
  }
  if (typeof value === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) {
    return Number(value.replace(/_/g, "").trim());
  }
  return undefined;
}

/** Python's `seq[index]` for a list or a string: negative indices count from the end; `undefined` = IndexError. */
export function pythonIndex<T>(sequence: readonly T[] | string, index: number): T | string | undefined {
  const position = index < 0 ? sequence.length + index : index;
  if (position < 0 || position >= sequence.length) {
    return undefined;
  }
  return sequence[position];
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/** Python's `urllib.parse.quote(text, safe)`: UTF-8 percent-encoding, upper-case hex. */
export function pythonQuote(text: string, safe = "/"): string {
  let out = "";
  for (const ch of text) {
    if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, "utf8")) {
        out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
      }
    }
  }
  return out;
}

/** Python's `urllib.parse.quote_plus(text)`: like quote with nothing safe, and spaces as `+`. */
export function pythonQuotePlus(text: string): string {
  return pythonQuote(text, " ").replace(/ /g, "+");
}
