/**
 * The line reader (src/hot/parseLines.ts): what it reads, with the values PyYAML's loader gives
 * (checked against python3-heat's template_format.yaml_loader), and what it leaves to the other
 * readers, which then give PyYAML's value too.
 */
import { parseYaml } from "../../src/hot/parse";
import { readBlockYaml } from "../../src/hot/parseLines";
import { Declined } from "../../src/hot/parseScalars";

describe("the line reader reads block YAML as PyYAML does", () => {
  it.each<[string, string, unknown]>([
    [
      "compact mappings in a sequence",
      "rules:\n  - protocol: tcp\n    port: 22\n  - protocol: icmp\n",
      { rules: [{ protocol: "tcp", port: 22 }, { protocol: "icmp" }] },
    ],
    ["a sequence at its key's indentation", "a:\n- 1\n- x\nb: ~\n", { a: [1, "x"], b: null }],
    ["empty values and entries", "a:\n  -\n  - x\nb:\nc: # comment\n", { a: [null, "x"], b: null, c: null }],
    ["a compact sequence in a sequence", "a:\n  - - x\n    - y\n  - z\n", { a: [["x", "y"], "z"] }],
    [
      "PyYAML 1.1 scalars; timestamps stay strings",
      "a: yes\nb: 0755\nc: 1:30\nd: 1e3\ne: 2013-05-23\nf: -1\ng: .5\nh: Off\ni: 0x1F\nj: -.inf\n",
      { a: true, b: 493, c: 90, d: "1e3", e: "2013-05-23", f: -1, g: 0.5, h: false, i: 31, j: -Infinity },
    ],
    [
      "quoted scalars and comments",
      "f: 'it''s' # c\ng: \"q: #x\"\nh: a#b\ni: value   # comment\nj: ''\n",
      { f: "it's", g: "q: #x", h: "a#b", i: "value", j: "" },
    ],
    ["keys as Python str() of their value", "1: a\ntrue: b\n~: c\n'q': d\nk  : e\n", { "1": "a", True: "b", None: "c", q: "d", k: "e" }],
    [
      "flow collections on one line",
      "a: { get_attr: [s, 'x', \"y\"] }\nb: []\nc: {}\nd: [-1, {e: 1.5}]\n",
      { a: { get_attr: ["s", "x", "y"] }, b: [], c: {}, d: [-1, { e: 1.5 }] },
    ],
    ["a literal block, clipped", "t: |\n  a\n\n   b\n  c\n\n\nn: 1\n", { t: "a\n\n b\nc\n", n: 1 }],
    ["a literal block, stripped", "t: |-\n  a\n  b\n\nn: 1\n", { t: "a\nb", n: 1 }],
    ["a literal block, kept", "t: |+\n  a\n\n\nn: 1\n", { t: "a\n\n\n", n: 1 }],
    ["a folded block with more-indented lines", "t: >\n  a\n  b\n\n  c\n    more\n  d\n\nn: 1\n", { t: "a b\nc\n  more\nd\n", n: 1 }],
    ["block scalars in a sequence", "l:\n  - |\n    x\n  - >+\n    y\n\n", { l: ["x\n", "y\n\n"] }],
    ["a block scalar ended by a less indented comment", "t: |\n    x\n  # c\nn: 1\n", { t: "x\n", n: 1 }],
  ])("%s", (_name, text, expected) => {
    expect([readBlockYaml(text), parseYaml(text, "lines.yaml").value]).toEqual([expected, expected]);
  });

  it("keeps the keys in the order of the text", () => {
    expect(Object.keys(readBlockYaml("b: 1\na: 2\nc:\n  z: 1\n  y: 2\n"))).toEqual(["b", "a", "c"]);
  });
});

describe("the line reader leaves the rest to the other readers", () => {
  it.each<[string, string, unknown]>([
    ["a multi-line plain scalar", "a: b\n  c\n", { a: "b c" }],
    ["a multi-line flow collection", "a: [1,\n  2]\n", { a: [1, 2] }],
    ["a tab", "a:\tb\n", { a: "b" }],
    ["CRLF line ends", "a: b\r\nc: d\r\n", { a: "b", c: "d" }],
    ["a double-quoted escape", 'a: "x\\ty"\n', { a: "x\ty" }],
    ["anchors and aliases", "a: &x 1\nb: *x\n", { a: 1, b: 1 }],
    ["a merge key", "a: {p: 1}\nb:\n  <<: {p: 1}\n  q: 2\n", { a: { p: 1 }, b: { p: 1, q: 2 } }],
    ["a tag", "a: !!str 1\n", { a: "1" }],
    ["a document marker", "---\na: 1\n", { a: 1 }],
    ["an explicit block indentation", "t: |2\n   x\n", { t: " x\n" }],
    ["a __proto__ key", "__proto__: 1\n", { ["__proto__"]: 1 }],
    ["a root that is not a block mapping", "{a: 1}\n", { a: 1 }],
  ])("%s", (_name, text, expected) => {
    expect(() => readBlockYaml(text)).toThrow(Declined);
    const value = parseYaml(text, "declined.yaml").value as Record<string, unknown>;
    expect([Object.keys(value), value]).toEqual([Object.keys(expected as object), expected]);
  });

  it("leaves a duplicate key to the full reader, which warns about it", () => {
    expect(() => readBlockYaml("a: 1\nb: {c: 1, c: 2}\n")).toThrow(Declined);
    expect(parseYaml("a: 1\nb: {c: 1, c: 2}\n", "dup.yaml").problems.map((p) => p.message)).toEqual([
      'duplicate key "c": Heat keeps only the last value',
    ]);
  });

  it.each([
    ["a key with two mapping values", "a: b: c\n"],
    ["an entry after a scalar", "a: 1\n- x\n"],
    ["a line indented under a flow collection", "a: [1]\n  b: 2\n"],
    ["an unclosed quote", "a: 'x\n"],
  ])("declines invalid YAML (%s), which the full reader reports", (_name, text) => {
    expect(() => readBlockYaml(text)).toThrow(Declined);
    expect(() => parseYaml(text, "bad.yaml")).toThrow(/invalid YAML/);
  });
});
