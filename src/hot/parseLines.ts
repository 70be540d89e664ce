/**
 * The first of heatshift's YAML readers: a line reader for the block YAML that templates are
 * almost always written in, building values directly from the text (no tokens, no events, no
 * tree). It reads block mappings and sequences (compact `- key: value` items included), plain
 * scalars on one line, single- and double-quoted scalars on one line (double-quoted without
 * escapes), flow collections on one line, literal and folded block scalars, and comments.
 *
 * Anything else it declines (throws Declined) and parse.ts hands the text to the next reader:
 * tabs, CR, NEL and other characters PyYAML treats specially; document markers and directives;
 * tags, anchors, aliases, `?` keys, merge keys; duplicate keys; multi-line plain or quoted scalars
 * and flow collections; explicit block indentation; a block scalar at the end of a file without a
 * final line break (PyYAML clips no line break there); every syntax error. What it accepts it
 * reads with PyYAML's rules (parseScalars.ts), exactly as the other readers do.
 */
import { decline, keyText, resolvePlain } from "./parseScalars";
import type { HotMap } from "./parse";

/** Characters outside the reader: controls (tab, CR), NEL, U+2028/2029, BOM, surrogates, U+FFFE/FFFF. */
const OUTSIDE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

const NL = 10;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GT = 62;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** First characters of a plain scalar that the reader leaves to the others: YAML indicators (`-` only before a space). */
const INDICATORS = new Set([..."?:,[]{}#&*!|>%@`'\"-"].map((c) => c.charCodeAt(0)));

/**
 * Reads a YAML text whose root is a block mapping; throws Declined for anything outside the subset.
 */
export function readBlockYaml(text: string): HotMap {
  if (OUTSIDE.test(text)) decline();
  return new LineReader(text).document();
}

class LineReader {
  private pos = 0;
  /** Offset of the start of the line `pos` is on. */
  private lineStart = 0;
  /** Column of the content found by the last {@link nextContent}. */
  private col = 0;
  /** Memo of {@link nextContent}: nested collections ending together ask for the same line. */
  private memoFrom = -1;
  private memoAt = -1;
  private memoCol = 0;
  private memoLineStart = 0;

  constructor(private readonly text: string) {}

  document(): HotMap {
    const at = this.nextContent(0);
    if (at < 0) decline();
    const root = this.mapping(at, this.col, this.readKey(at));
    if (this.nextContent(this.pos) >= 0) decline();
    return root;
  }

  /**
   * The offset of the first character of the next line with content from line start `from`,
   * skipping blank and comment lines, or -1 at the end; sets `col` and `lineStart`.
   */
  private nextContent(from: number): number {
    if (from === this.memoFrom) {
      this.col = this.memoCol;
      this.lineStart = this.memoLineStart;
      return this.memoAt;
    }
    const text = this.text;
    let start = from;
    let at = -1;
    while (start < text.length) {
      let i = start;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c === HASH) {
        const end = text.indexOf("\n", i);
        start = end < 0 ? text.length : end + 1;
      } else if (c === NL) {
        start = i + 1;
      } else if (i < text.length) {
        at = i;
        break;
      } else {
        start = text.length;
      }
    }
    if (at >= 0 && at === start && (text.startsWith("---", at) || text.startsWith("...", at))) decline();
    this.memoFrom = from;
    this.memoAt = at;
    this.memoCol = this.col = at - start;
    this.memoLineStart = this.lineStart = start;
    return at;
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf("\n", from);
    return end < 0 ? this.text.length : end;
  }

  /** Whether `at` starts a block sequence entry: `-` then a space or the end of the line. */
  private isEntry(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return this.text.charCodeAt(at) === DASH && (next === SPACE || next === NL || at + 1 >= this.text.length);
  }

  /**
   * An implicit key at `at` (a plain or quoted scalar on one line followed by `: ` or `:` at the
   * end of the line): its text as Heat sees it, with `pos` after the colon; undefined if `at`
   * starts no key.
   */
  private readKey(at: number): string | undefined {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === DQUOTE || first === SQUOTE) {
      const key = this.quoted(at);
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON || !this.endsToken(i + 1)) return undefined;
      this.pos = i + 1;
      return key;
    }
    if (this.indicatorAt(at)) return undefined;
    const end = this.lineEnd(at);
    for (let i = at; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && this.endsToken(i + 1)) {
        let last = i;
        while (text.charCodeAt(last - 1) === SPACE) last--;
        this.pos = i + 1;
        return keyText(resolvePlain(text.slice(at, last)));
      }
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return undefined;
    }
    return undefined;
  }

  /** Whether a plain scalar cannot start at `at` in block context: an indicator, or `-` then a space. */
  private indicatorAt(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return INDICATORS.has(c) && !(c === DASH && !this.endsToken(at + 1));
  }

  /** Whether the character at `i` ends a token in block context: a space, the end of a line or of the text. */
  private endsToken(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return c === SPACE || c === NL || i >= this.text.length;
  }

  /** A block mapping at column `col` whose first key (at `at`) has been read, `pos` after its colon. */
  private mapping(at: number, col: number, firstKey: string | undefined): HotMap {
    const map: HotMap = {};
    let key = firstKey;
    for (;;) {
      if (key === undefined) decline();
      // A repeated key (or one an object inherits, such as __proto__) is left to the full reader.
      if (map[key] !== undefined) decline();
      map[key] = this.valueAfterIndicator(col, true);
      const next = this.nextContent(this.pos);
      if (next < 0 || this.col < col) return map;
      if (this.col > col) decline();
      at = next;
      key = this.readKey(at);
    }
  }

  /** A block sequence at column `col`, its first entry's `-` at `at`. */
  private sequence(at: number, col: number): unknown[] {
    const seq: unknown[] = [];
    for (;;) {
      this.pos = at + 1;
      seq.push(this.entry(col));
      const next = this.nextContent(this.pos);
      if (next < 0 || this.col < col) return seq;
      if (this.col > col) decline();
      if (!this.isEntry(next)) return seq;
      at = next;
    }
  }

  /** A sequence entry's value, `pos` after its `-`. */
  private entry(seqCol: number): unknown {
    const text = this.text;
    let at = this.pos;
    while (text.charCodeAt(at) === SPACE) at++;
    const c = text.charCodeAt(at);
    if (c === NL || c === HASH || at >= text.length) {
      this.pos = at;
      return this.valueAfterIndicator(seqCol, false);
    }
    const col = at - this.lineStart;
    if (this.isEntry(at)) return this.sequence(at, col);
    if (c === PIPE || c === GT || c === LBRACE || c === LBRACKET) {
      this.pos = at;
      return this.valueAfterIndicator(seqCol, false);
    }
    const key = this.readKey(at);
    if (key !== undefined) return this.mapping(at, col, key);
    this.pos = at;
    return this.valueAfterIndicator(seqCol, false);
  }

  /**
   * The value after a key's colon or an entry's dash (`pos`) in a collection at column `parentCol`:
   * on the same line, or a block collection on the lines below, or null. After it, `pos` is the
   * start of the next line. `keyValue`: a sequence at the key's own column belongs to it.
   */
  private valueAfterIndicator(parentCol: number, keyValue: boolean): unknown {
    const text = this.text;
    let at = this.pos;
    while (text.charCodeAt(at) === SPACE) at++;
    const c = text.charCodeAt(at);
    if (c === NL || c === HASH || at >= text.length) {
      const end = this.lineEnd(at);
      this.pos = end < text.length ? end + 1 : end;
      const next = this.nextContent(this.pos);
      if (next < 0) return null;
      if (this.col > parentCol) return this.blockCollection(next, this.col);
      if (keyValue && this.col === parentCol && this.isEntry(next)) return this.sequence(next, this.col);
      return null;
    }
    let value: unknown;
    if (c === PIPE || c === GT) return this.blockScalar(at, parentCol);
    if (c === DQUOTE || c === SQUOTE) value = this.quoted(at);
    else if (c === LBRACE || c === LBRACKET) {
      this.pos = at;
      value = this.flowNode(this.lineEnd(at));
    } else return this.plainToEndOfLine(at);
    this.endOfLine();
    return value;
  }

  /** A block mapping or sequence starting a line, at `at`, column `col`. */
  private blockCollection(at: number, col: number): unknown {
    if (this.isEntry(at)) return this.sequence(at, col);
    return this.mapping(at, col, this.readKey(at));
  }

  /** A plain scalar running to the end of the line or a comment; `pos` then at the next line. */
  private plainToEndOfLine(at: number): unknown {
    const text = this.text;
    if (this.indicatorAt(at)) decline();
    const end = this.lineEnd(at);
    let last = at;
    for (; last < end; last++) {
      const c = text.charCodeAt(last);
      if (c === HASH && text.charCodeAt(last - 1) === SPACE) break;
      // `: ` or a final `:` would start a mapping where none may start.
      if (c === COLON && this.endsToken(last + 1)) decline();
    }
    while (text.charCodeAt(last - 1) === SPACE) last--;
    this.pos = end < text.length ? end + 1 : end;
    return resolvePlain(text.slice(at, last));
  }

  /** A quoted scalar on one line at `at` (double-quoted ones without escapes); `pos` after its closing quote. */
  private quoted(at: number): string {
    const text = this.text;
    const end = this.lineEnd(at);
    if (text.charCodeAt(at) === DQUOTE) {
      const close = text.indexOf('"', at + 1);
      if (close < 0 || close > end) decline();
      const value = text.slice(at + 1, close);
      if (value.includes("\\")) decline();
      this.pos = close + 1;
      return value;
    }
    let value = "";
    let from = at + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close < 0 || close > end) decline();
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== SQUOTE) {
        this.pos = close + 1;
        return value;
      }
      value += "'";
      from = close + 2;
    }
  }

  /** After a value on a line: spaces, then a comment after a space or the end of the line; `pos` at the next line. */
  private endOfLine(): void {
    const text = this.text;
    let i = this.pos;
    while (text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    if (c === HASH && i > this.pos) i = this.lineEnd(i);
    else if (c !== NL && i < text.length) decline();
    this.pos = i < text.length ? i + 1 : i;
  }

  private skipSpaces(): number {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    return this.text.charCodeAt(this.pos);
  }

  /** A flow node at `pos` that ends before `end` (the end of its line); `pos` after it. */
  private flowNode(end: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === LBRACE) return this.flowMapping(end);
    if (c === LBRACKET) return this.flowSequence(end);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(this.pos);
    return resolvePlain(this.flowPlain(end));
  }

  private flowMapping(end: number): HotMap {
    const map: HotMap = {};
    this.pos++;
    if (this.skipSpaces() === RBRACE) {
      this.pos++;
      return map;
    }
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      const key = c === DQUOTE || c === SQUOTE ? this.quoted(this.pos) : keyText(resolvePlain(this.flowPlain(end)));
      if (this.skipSpaces() !== COLON || this.text.charCodeAt(this.pos + 1) !== SPACE) decline();
      this.pos += 2;
      this.skipSpaces();
      if (map[key] !== undefined) decline();
      map[key] = this.flowNode(end);
      const after = this.skipSpaces();
      this.pos++;
      if (after === RBRACE) return map;
      if (after !== COMMA || this.skipSpaces() === RBRACE) decline();
    }
  }

  private flowSequence(end: number): unknown[] {
    const seq: unknown[] = [];
    this.pos++;
    if (this.skipSpaces() === RBRACKET) {
      this.pos++;
      return seq;
    }
    for (;;) {
      seq.push(this.flowNode(end));
      const after = this.skipSpaces();
      this.pos++;
      if (after === RBRACKET) return seq;
      if (after !== COMMA || this.skipSpaces() === RBRACKET) decline();
    }
  }

  /**
   * A plain scalar in a flow collection, at `pos`: up to `,`, a bracket, a brace or `: `, on this
   * line. Scalars containing other colons (the YAML libraries disagree there), `?` or a comment are declined.
   */
  private flowPlain(end: number): string {
    const text = this.text;
    const at = this.pos;
    const first = text.charCodeAt(at);
    // A dash starts a flow scalar only before a letter or digit here (the YAML libraries differ on `-]` and the like).
    if (first === DASH ? !/[0-9A-Za-z]/.test(text[at + 1]) : INDICATORS.has(first)) decline();
    let i = at;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === RBRACKET || c === RBRACE || c === LBRACKET || c === LBRACE) break;
      if (c === COLON) {
        if (text.charCodeAt(i + 1) === SPACE) break;
        decline();
      }
      if (c === 63 /* ? */ || (c === HASH && text.charCodeAt(i - 1) === SPACE)) decline();
    }
    if (i >= end) decline();
    let last = i;
    while (text.charCodeAt(last - 1) === SPACE) last--;
    if (last === at) decline();
    this.pos = i;
    return text.slice(at, last);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `at`, in a collection at
   * column `parentCol`, folded and chomped as PyYAML does; `pos` then at the first line after it.
   */
  private blockScalar(at: number, parentCol: number): string {
    const text = this.text;
    const folded = text.charCodeAt(at) === GT;
    let chomping: "clip" | "strip" | "keep" = "clip";
    this.pos = at + 1;
    const indicator = text.charCodeAt(this.pos);
    if (indicator === DASH || indicator === 43 /* + */) {
      chomping = indicator === DASH ? "strip" : "keep";
      this.pos++;
    }
    const afterHeader = text.charCodeAt(this.pos);
    if (afterHeader !== SPACE && afterHeader !== NL) decline();
    this.endOfLine();
    // The content's indentation is the first non-blank line's; blank lines before it may not be deeper.
    let lineStart = this.pos;
    let deepestBlank = 0;
    let indent = -1;
    while (lineStart < text.length) {
      let i = lineStart;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== NL && i < text.length) {
        indent = i - lineStart;
        break;
      }
      deepestBlank = Math.max(deepestBlank, i - lineStart);
      lineStart = i + 1;
    }
    if (indent <= parentCol || deepestBlank > indent) decline();

    let result = "";
    let emptyLines = 0;
    let readContent = false;
    let moreIndented = false;
    lineStart = this.pos;
    while (lineStart < text.length) {
      let i = lineStart;
      while (text.charCodeAt(i) === SPACE && i - lineStart < indent) i++;
      const c = text.charCodeAt(i);
      if (c === NL) {
        emptyLines++;
        lineStart = i + 1;
        continue;
      }
      if (i - lineStart < indent && i < text.length) break;
      const end = text.indexOf("\n", i);
      // The last line without a line break: PyYAML's chomping differs from the other readers' there.
      if (end < 0) decline();
      if (folded) {
        if (c === SPACE) {
          moreIndented = true;
          result += "\n".repeat(readContent ? 1 + emptyLines : emptyLines);
        } else if (moreIndented) {
          moreIndented = false;
          result += "\n".repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (readContent) result += " ";
        } else result += "\n".repeat(emptyLines);
      } else result += "\n".repeat(readContent ? 1 + emptyLines : emptyLines);
      result += text.slice(i, end);
      readContent = true;
      emptyLines = 0;
      lineStart = end + 1;
    }
    if (chomping === "keep") result += "\n".repeat(readContent ? 1 + emptyLines : emptyLines);
    else if (chomping === "clip" && readContent) result += "\n";
    this.pos = lineStart;
    return result;
  }
}
