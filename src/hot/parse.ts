/**
 * Heat's template dialect: JSON first, else YAML 1.1 as PyYAML's CSafeLoader reads it (yes/no/on/off are
 * booleans, 0755 is octal, 1:30 is 90, 1e3 is a string) except that timestamps stay strings, as
 * heat/common/template_format.py makes them.
 *
 * Three readers share these rules (parseScalars.ts), tried in order. The line reader (parseLines.ts)
 * builds values straight from the text for the block YAML templates are written in. What it
 * declines, js-yaml's event parser reads, values built here, in the plain case: no duplicate keys,
 * no merge keys, no tags, anchors or aliases. Anything else the full one (the `yaml` package's tree,
 * converted PyYAML style) reads, with its warnings and its syntax errors at their positions.
 * Positions of a file read by a fast reader come from the full reader's tree, built only when a
 * problem has to be shown.
 */
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, YAMLException } from "js-yaml";
import type { Event as YamlEvent } from "js-yaml";
import { Alias, Document, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLError } from "yaml";
import type { Node, Pair, ScalarTag, Tags } from "yaml";
import { HotError, NodePath, Position, registerSource } from "./diagnostics";
import { readBlockYaml } from "./parseLines";
import { blockScalarValue, constructFloat, constructInt, Declined, decline, keyText, PY_BOOL, PY_INT, PY_FLOAT, PY_NULL, PY_TRUE, PY_VALUE, resolvePlain } from "./parseScalars";

/** Heat's `max_template_size` default, in characters; it applies to templates and nested templates. */
export const MAX_TEMPLATE_SIZE = 524288;

/** A parsed map: string keys (YAML keys of other types become their Python `str()`, as in Heat's JSON). */
export type HotMap = Record<string, unknown>;

/** One parsed file: its value, and the problems found while reading it that did not stop the parse. */
export interface ParsedFile<T = unknown> {
  /** The file name used in every diagnostic about this file. */
  readonly file: string;
  /** The parsed value: plain JSON-like data. */
  readonly value: T;
  /** Warnings from reading the file (e.g. duplicate keys, of which Heat keeps the last). */
  readonly problems: readonly HotError[];
  /** The position of the node at `path` (or of its deepest existing ancestor). */
  locate(path: NodePath, target?: "key" | "value"): Position;
}

const scalarTags: ScalarTag[] = [
  {
    tag: "tag:yaml.org,2002:null",
    default: true,
    test: PY_NULL,
    identify: (v) => v === null,
    resolve: () => new Scalar(null),
  },
  {
    tag: "tag:yaml.org,2002:bool",
    default: true,
    test: PY_BOOL,
    identify: (v) => typeof v === "boolean",
    resolve: (text) => PY_TRUE.test(text),
  },
  {
    tag: "tag:yaml.org,2002:int",
    default: true,
    test: PY_INT,
    identify: (v) => typeof v === "number" && Number.isInteger(v),
    resolve: (text, onError) => constructInt(text, onError),
  },
  {
    tag: "tag:yaml.org,2002:float",
    default: true,
    test: PY_FLOAT,
    identify: (v) => typeof v === "number",
    resolve: (text, onError) => constructFloat(text, onError),
  },
  {
    // SafeLoader has no constructor for `=` (the YAML 1.1 value key), so PyYAML rejects it.
    tag: "tag:yaml.org,2002:value",
    default: true,
    test: PY_VALUE,
    resolve: (_text, onError) => {
      onError("could not determine a constructor for the tag 'tag:yaml.org,2002:value' (quote the '=')");
      return "=";
    },
  },
  {
    // Heat constructs timestamps as strings.
    tag: "tag:yaml.org,2002:timestamp",
    resolve: (text) => text,
  },
];

const KEEP_TAGS = new Set(["tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"]);

/** The yaml package's 1.1 collections, strings and merge keys, with PyYAML's scalar rules. */
function heatTags(defaults: Tags): Tags {
  const kept = defaults.filter((t) => typeof t === "object" && KEEP_TAGS.has(t.tag));
  return [...kept, ...scalarTags];
}

const YAML_OPTIONS = {
  version: "1.1" as const,
  customTags: heatTags,
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
};

/** A collection being built; for a map, the key whose value comes next and the pairs seen. */
interface Frame {
  readonly value: unknown[] | HotMap;
  key: string | undefined;
  pairs: number;
}

/**
 * Builds a document from js-yaml's events with PyYAML's scalar rules. Declines (throws Declined)
 * what only the full reader reproduces: tags, anchors and aliases, merge keys, non-scalar and
 * duplicate keys, directives, empty or several documents.
 */
function buildFromEvents(events: readonly YamlEvent[], text: string): unknown {
  const frames: Frame[] = [];
  let root: unknown;
  let documents = 0;
  const add = (value: unknown, scalar: boolean): void => {
    const top = frames[frames.length - 1];
    if (top === undefined) root = value;
    else if (Array.isArray(top.value)) top.value.push(value);
    else if (top.key !== undefined) {
      setKey(top.value, top.key, value);
      top.key = undefined;
    } else {
      if (!scalar) decline();
      top.key = typeof value === "string" ? value : keyText(value);
      top.pairs++;
    }
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1 || event.directives.length > 0) decline();
        break;
      case EVENT_ID.SCALAR: {
        if (event.tagStart !== -1 || event.anchorStart !== -1) decline();
        const source = getScalarValue(text, event);
        if (event.style === SCALAR_STYLE.PLAIN) add(resolvePlain(source), true);
        else if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) add(blockScalarValue(source, event.valueEnd, text), true);
        else add(source, true);
        break;
      }
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        if (event.tagStart !== -1 || event.anchorStart !== -1) decline();
        const value = event.type === EVENT_ID.SEQUENCE ? [] : {};
        add(value, false);
        frames.push({ value, key: undefined, pairs: 0 });
        break;
      }
      case EVENT_ID.ALIAS:
        decline();
        break;
      case EVENT_ID.POP: {
        // Fewer keys than pairs: a duplicate key, which the full reader reports.
        const done = frames.pop();
        if (done && !Array.isArray(done.value) && Object.keys(done.value).length !== done.pairs) decline();
        break;
      }
    }
  }
  if (documents !== 1 || root === undefined) decline();
  return root;
}

/**
 * The value of a YAML text read by the fast readers: the line reader (parseLines.ts), else js-yaml's
 * events; undefined when both decline (or the text is not valid YAML).
 */
function readFast(text: string): { value: unknown } | undefined {
  try {
    return { value: readBlockYaml(text) };
  } catch (error) {
    if (!(error instanceof Declined)) throw error;
  }
  try {
    return { value: buildFromEvents(parseEvents(text, {}), text) };
  } catch (error) {
    if (error instanceof Declined || error instanceof YAMLException) return undefined;
    throw error;
  }
}

/** Line starts of a text, computed once and only for files with a problem to show. */
class LineIndex {
  private starts: number[] | undefined;
  constructor(
    private readonly text: string,
    /** Spaces added at the start of some lines (see parseLikePyYaml), taken off reported columns. */
    private readonly shifts: ReadonlyMap<number, number> = new Map(),
  ) {}

  position(offset: number): Position {
    if (!this.starts) {
      this.starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const line = lo + 1;
    const col = offset - this.starts[lo] + 1 - (this.shifts.get(line) ?? 0);
    return { line, col: Math.max(col, 1) };
  }
}

/** Follows a node path through a YAML tree to the node (or key) it names. */
class TreeLocator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineIndex,
  ) {}

  private deref(node: unknown): unknown {
    let n = node;
    for (let i = 0; isAlias(n) && i < 100; i++) n = (n as Alias).resolve(this.doc);
    return n;
  }

  private findPair(map: unknown, key: string, depth = 0): Pair | undefined {
    if (!isMap(map) || depth > 20) return undefined;
    let found: Pair | undefined;
    for (const pair of map.items) {
      if (isScalar(pair.key) && typeof pair.key.value === "symbol") continue;
      const k = isScalar(pair.key) ? keyText(pair.key.value) : undefined;
      if (k === key) found = pair;
    }
    if (found) return found;
    for (const pair of map.items) {
      if (!(isScalar(pair.key) && typeof pair.key.value === "symbol")) continue;
      const src = this.deref(pair.value);
      const sources = isSeq(src) ? src.items : [src];
      for (const s of sources) {
        const p = this.findPair(this.deref(s), key, depth + 1);
        if (p) return p;
      }
    }
    return undefined;
  }

  locate(path: NodePath, target: "key" | "value"): Position {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    for (let i = 0; i < path.length; i++) {
      const n = this.deref(node);
      const seg = path[i];
      let next: unknown;
      let nextPair: Pair | undefined;
      if (isMap(n)) {
        nextPair = this.findPair(n, String(seg));
        next = nextPair?.value ?? undefined;
      } else if (isSeq(n) && typeof seg === "number") {
        next = n.items[seg];
      }
      if (nextPair === undefined && next === undefined) break;
      pair = nextPair;
      node = next;
      if (nextPair && (next === null || next === undefined)) break;
    }
    const onKey =
      pair !== undefined &&
      (target === "key" || node === null || node === undefined || isMap(this.deref(node)) || isSeq(this.deref(node)));
    const at = (onKey ? (pair as Pair).key : node) as Node | null | undefined;
    const offset = at?.range?.[0] ?? (node as Node | null | undefined)?.range?.[0] ?? 0;
    return this.lines.position(offset);
  }
}

/** A node path built only when a problem needs it: each step links to its parent. */
interface PathLink {
  readonly up: PathLink | undefined;
  readonly key: string | number;
}

function pathOf(link: PathLink | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let l = link; l; l = l.up) out.push(l.key);
  return out.reverse();
}

/** Converts a YAML tree to plain values, PyYAML style: last duplicate key wins, merges fill missing keys. */
class Converter {
  readonly problems: HotError[] = [];
  private readonly shared = new Map<unknown, unknown>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly file: string,
    /** The text the tree was parsed from (scalar ranges are offsets in it). */
    private readonly source: string,
  ) {}

  value(node: unknown, at: PathLink | undefined): unknown {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      return block && typeof node.value === "string" && node.range ? blockScalarValue(node.value, node.range[1], this.source) : node.value;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (this.shared.has(target)) return this.shared.get(target);
      if (target === undefined) throw new HotError(`unknown alias *${node.source}`, this.file, pathOf(at));
      // A recursive alias (allowed by YAML, not by Heat's JSON) reads as null inside itself.
      this.shared.set(target, null);
      const v = this.value(target, at);
      this.shared.set(target, v);
      return v;
    }
    if (isSeq(node)) {
      const out = new Array<unknown>(node.items.length);
      for (let i = 0; i < node.items.length; i++) out[i] = this.value(node.items[i], { up: at, key: i });
      return this.remember(node, out);
    }
    if (isMap(node)) return this.remember(node, this.map(node.items as Pair[], at));
    throw new HotError("unsupported YAML node", this.file, pathOf(at));
  }

  private remember<T>(node: Node, v: T): T {
    if (node.anchor) this.shared.set(node, v);
    return v;
  }

  private map(pairs: Pair[], at: PathLink | undefined): HotMap {
    const out: HotMap = {};
    const merges: unknown[] = [];
    for (const pair of pairs) {
      if (isScalar(pair.key) && typeof pair.key.value === "symbol") merges.push(pair.value);
    }
    // PyYAML places merged pairs before the map's own ones; earlier merge sources win over later ones.
    for (const m of merges.reverse()) {
      const source = isAlias(m) ? m.resolve(this.doc) : m;
      const maps = isSeq(source) ? [...source.items].reverse() : [source];
      for (const item of maps) {
        const v = this.value(item, at);
        if (v === null || typeof v !== "object" || Array.isArray(v)) {
          throw new HotError("a merge key (<<) must be given a mapping or a list of mappings", this.file, pathOf(at));
        }
        for (const [k, mv] of Object.entries(v)) setKey(out, k, mv);
      }
    }
    const own = new Set<string>();
    for (const pair of pairs) {
      const keyNode = pair.key;
      if (isScalar(keyNode) && typeof keyNode.value === "symbol") continue;
      if (keyNode !== null && !isScalar(keyNode)) {
        throw new HotError("found unhashable key: a map key must be a scalar", this.file, pathOf(at));
      }
      const key = keyText(keyNode === null ? null : keyNode.value);
      if (own.has(key)) {
        this.problems.push(
          new HotError(`duplicate key "${key}": Heat keeps only the last value`, this.file, pathOf({ up: at, key }), "warning", {
            target: "key",
          }),
        );
      }
      own.add(key);
      setKey(out, key, this.value(pair.value, { up: at, key }));
    }
    return out;
  }
}

/** Set a key without letting `__proto__` reach the prototype. */
export function setKey(map: HotMap, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** Turn the tag warnings of the yaml package into PyYAML's constructor error (unknown tags are errors there). */
function firstProblem(doc: Document.Parsed): YAMLError | undefined {
  if (doc.errors.length > 0) return doc.errors[0];
  return doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
}

/** yaml's complaint about a flow collection line indented no deeper than its parent block. */
function isFlowIndentError(err: YAMLError): boolean {
  return err.code === "BAD_INDENT" && /^Flow (map|sequence) in block collection/.test(err.message);
}

/**
 * PyYAML ignores indentation inside `[...]`/`{...}`, the yaml package wants every line of a flow
 * collection indented past its parent block (corpus: `allocation_pools: [{` ... `}]` with the closing
 * line at the key's indentation). Indent the offending line one space at a time until yaml accepts
 * it, remembering the added spaces so that columns are reported on the original text.
 */
function parseLikePyYaml(text: string): { doc: Document.Parsed; lines: LineIndex; source: string } {
  let source = text;
  const shifts = new Map<number, number>();
  for (let attempt = 0; ; attempt++) {
    const doc = parseDocument(source, YAML_OPTIONS) as Document.Parsed;
    const first = doc.errors[0];
    if (!first || !isFlowIndentError(first) || attempt >= 200) return { doc, lines: new LineIndex(source, shifts), source };
    const start = source.lastIndexOf("\n", first.pos[0] - 1) + 1;
    const line = lineNumberAt(source, start);
    if ((shifts.get(line) ?? 0) >= 40) return { doc, lines: new LineIndex(source, shifts), source };
    source = source.slice(0, start) + " " + source.slice(start);
    shifts.set(line, (shifts.get(line) ?? 0) + 1);
  }
}

function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Parse YAML text with Heat's loader rules. Throws a HotError at the syntax error's position. */
export function parseYaml(text: string, file: string): ParsedFile {
  const fast = readFast(text);
  if (!fast) return parseYamlFully(text, file);
  const locate = lazyLocator(() => {
    const { doc, lines } = parseLikePyYaml(text);
    return new TreeLocator(doc, lines);
  });
  registerSource(file, locate);
  return { file, value: fast.value, problems: [], locate };
}

/** The full reader: the yaml package's tree, its syntax errors at their positions, duplicate-key warnings. */
function parseYamlFully(text: string, file: string): ParsedFile {
  const { doc, lines, source } = parseLikePyYaml(text);
  const problem = firstProblem(doc);
  if (problem) {
    const firstLine = problem.message.split(" at line ")[0].split("\n")[0];
    const unresolved = /^Unresolved tag: (.*)$/.exec(firstLine);
    const message = unresolved ? `could not determine a constructor for the tag '${unresolved[1]}'` : firstLine;
    throw new HotError(`invalid YAML: ${message}`, file, [], "error", { position: lines.position(problem.pos[0]) });
  }
  const locator = new TreeLocator(doc, lines);
  const locate = (path: NodePath, target: "key" | "value" = "value") => locator.locate(path, target);
  registerSource(file, locate);
  const converter = new Converter(doc, file, source);
  const value = converter.value(doc.contents, undefined);
  return { file, value, problems: converter.problems, locate };
}

/** A locator whose YAML tree is built on the first position asked for (files read without a tree). */
function lazyLocator(build: () => TreeLocator): (path: NodePath, target?: "key" | "value") => Position {
  let locator: TreeLocator | undefined;
  return (path, target = "value") => {
    locator ??= build();
    return locator.locate(path, target);
  };
}

/** Heat's size limit, counted in characters as Python counts them. */
function checkSize(text: string, file: string, limit: number): void {
  if (text.length <= limit) return;
  let chars = 0;
  for (const _ of text) chars++;
  if (chars > limit) {
    throw new HotError(
      `Template size (${chars} bytes) exceeds maximum allowed size (${limit} bytes).`,
      file,
      [],
      "error",
      { position: { line: 1, col: 1 } },
    );
  }
}

function isMapValue(v: unknown): v is HotMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Options of {@link parseTemplateText}. */
export interface TemplateParseOptions {
  /**
   * Heat's `max_template_size`, in characters.
   * @default 524288
   */
  readonly maxTemplateSize?: number;
}

/**
 * Heat's `template_format.parse`: the size limit, then JSON, then YAML; the root must be a mapping
 * and name a template version key. Throws a HotError for each of Heat's rejections.
 */
export function parseTemplateText(text: string, file: string, options: TemplateParseOptions = {}): ParsedFile<HotMap> {
  checkSize(text, file, options.maxTemplateSize ?? MAX_TEMPLATE_SIZE);
  let parsed: ParsedFile;
  const json = tryJson(text);
  if (json.ok) {
    const locate = lazyLocator(() => new TreeLocator(parseDocument(text, { version: "1.2" }) as Document.Parsed, new LineIndex(text)));
    registerSource(file, locate);
    parsed = { file, value: json.value, problems: [], locate };
  } else {
    parsed = parseYaml(text, file);
    if (parsed.value === null) parsed = { ...parsed, value: {} };
  }
  const root = parsed.value;
  if (!isMapValue(root)) {
    throw new HotError("The template is not a JSON object or YAML mapping.", file, []);
  }
  if (!("HeatTemplateFormatVersion" in root || "heat_template_version" in root || "AWSTemplateFormatVersion" in root)) {
    throw new HotError(
      "Template format version not found. A HOT template starts with heat_template_version (e.g. heat_template_version: 2018-08-31).",
      file,
      [],
      "error",
      { position: { line: 1, col: 1 } },
    );
  }
  return parsed as ParsedFile<HotMap>;
}

/**
 * Heat's `environment_format.parse` reading step: YAML only (JSON being YAML), an empty file is `{}`,
 * and the root must be a mapping. The sections are checked by the environment layer.
 */
export function parseEnvironmentText(text: string, file: string): ParsedFile<HotMap> {
  const parsed = parseYaml(text, file);
  const value = parsed.value === null ? {} : parsed.value;
  if (!isMapValue(value)) throw new HotError("The environment is not a valid YAML mapping data type.", file, []);
  return { ...parsed, value };
}

/** The characters a JSON text can start with (after JSON's whitespace). */
const JSON_START = /^[ \t\n\r]*[{["\-0-9tfn]/;

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  // Most templates are YAML: skip the (throwing, so costly) JSON attempt when it cannot succeed.
  if (!JSON_START.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
