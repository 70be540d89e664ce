import { Diagnostics, formatDiagnostic, HotError } from "../../src/hot/diagnostics";
import { MAX_TEMPLATE_SIZE, parseEnvironmentText, parseTemplateText, parseYaml } from "../../src/hot/parse";

/** The value of `a:` in a one-line YAML document. */
const scalar = (text: string) => (parseYaml(`a: ${text}`, "scalar.yaml").value as Record<string, unknown>).a;

function thrown(fn: () => unknown): HotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HotError) return e;
    throw e;
  }
  throw new Error("expected a HotError");
}

describe("YAML 1.1 scalars exactly as Heat's PyYAML loader reads them", () => {
  // Each expectation was read with heat.common.template_format.yaml_loader (python3-heat 19).
  it.each([
    ["yes", true],
    ["No", false],
    ["on", true],
    ["OFF", false],
    ["True", true],
    ["TRUE", true],
    ["tRUE", "tRUE"],
    ["y", "y"],
    ["n", "n"],
    ["0755", 493],
    ["0o17", "0o17"],
    ["0x1F", 31],
    ["0b101", 5],
    ["-0b101", -5],
    ["1:20", 80],
    ["190:20:30", 685230],
    ["12:30.5", 750.5],
    ["1e3", "1e3"],
    ["1.0e3", "1.0e3"],
    ["1.0e+3", 1000],
    ["1.5", 1.5],
    ["1.", 1],
    [".5", 0.5],
    [".inf", Infinity],
    ["-.inf", -Infinity],
    ["~", null],
    ["null", null],
    ["Null", null],
    ["", null],
    ["2013-05-23", "2013-05-23"],
    ["2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"],
    ["1_000", 1000],
    ["1_0.5", 10.5],
    ["09", "09"],
    ["+12", 12],
    ["-0", 0],
    ["'0755'", "0755"],
    ['"yes"', "yes"],
    ["!!str 12", "12"],
    ["!!int '12'", 12],
  ])("%s", (text, expected) => {
    expect(scalar(text)).toEqual(expected);
  });

  it("reads .nan as NaN", () => {
    expect(scalar(".NaN")).toBeNaN();
  });

  it("rejects a bare = as PyYAML's SafeLoader does", () => {
    expect(formatDiagnostic(thrown(() => parseYaml("a: =\n", "eq.yaml")))).toBe(
      "eq.yaml:1:4: error: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:value' (quote the '=')",
    );
  });

  it("rejects unknown tags as PyYAML does", () => {
    expect(formatDiagnostic(thrown(() => parseYaml("a: !Ref x\n", "tag.yaml")))).toBe(
      "tag.yaml:1:4: error: invalid YAML: could not determine a constructor for the tag '!Ref'",
    );
  });
});

describe("YAML structure", () => {
  it("keeps the last of duplicate keys and warns at the repeated key", () => {
    const parsed = parseYaml("a: 1\nb: 2\na: 3\n", "dup.yaml");
    expect(parsed.value).toEqual({ a: 3, b: 2 });
    expect(parsed.problems.map(formatDiagnostic)).toEqual(['dup.yaml:3:1: warning: duplicate key "a": Heat keeps only the last value']);
  });

  it("finds a duplicate key inside a nested flow map too (the fast reader hands the file to the full one)", () => {
    const parsed = parseYaml("r:\n  props: {x: 1, y: 2, x: 3}\n", "nested-dup.yaml");
    expect([parsed.value, parsed.problems.map(formatDiagnostic)]).toEqual([
      { r: { props: { x: 3, y: 2 } } },
      ['nested-dup.yaml:2:23: warning: duplicate key "x": Heat keeps only the last value'],
    ]);
  });

  it("locates a node of a file read by the fast reader, building the position tree only then", () => {
    const parsed = parseYaml("a:\n  b: [1, {c: yes}]\n", "late.yaml");
    expect([parsed.value, parsed.locate(["a", "b", 1, "c"]), parsed.locate(["a", "b"], "key")]).toEqual([
      { a: { b: [1, { c: true }] } },
      { line: 2, col: 14 },
      { line: 2, col: 3 },
    ]);
  });

  it("merges << keys as PyYAML: the map's own keys win, earlier merge sources beat later ones", () => {
    const parsed = parseYaml("a: &x {p: 1, q: 2}\nb: &y {p: 3, r: 4}\nc:\n  q: 9\n  <<: [*x, *y]\n", "merge.yaml");
    expect(parsed.value).toEqual({ a: { p: 1, q: 2 }, b: { p: 3, r: 4 }, c: { p: 1, r: 4, q: 9 } });
    expect(Object.keys((parsed.value as Record<string, Record<string, unknown>>).c)).toEqual(["p", "r", "q"]);
  });

  // Expected values are PyYAML 6's (yaml.safe_load); both JS YAML libraries end each of the first
  // five with "\n". The anchor sends its file to the full reader, the others to js-yaml's events.
  it.each([
    ["t: |\n  x", { t: "x" }],
    ["t: >\n  x\n  y", { t: "x y" }],
    ["t: |+\n  x", { t: "x" }],
    ["l:\n- |\n  x", { l: ["x"] }],
    ["a: &a 1\nt: |\n  x", { a: 1, t: "x" }],
    ["t: |\n  x\n", { t: "x\n" }],
    ["t: |\n  x\r\n", { t: "x\n" }],
    ["t: |-\n  x", { t: "x" }],
  ])("ends a block scalar as PyYAML does: a last line that ends the file adds no line break (%j)", (text, expected) => {
    expect(parseYaml(text, "eof.yaml").value).toEqual(expected);
  });

  it("turns non-string keys into their Python str()", () => {
    expect(parseYaml("1: a\ntrue: b\n~: c\n", "keys.yaml").value).toEqual({ "1": "a", True: "b", None: "c" });
  });

  it("keeps a __proto__ key as data", () => {
    const value = parseYaml("__proto__: {polluted: true}\n", "proto.yaml").value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports a syntax error at its line and column", () => {
    expect(formatDiagnostic(thrown(() => parseYaml("a:\n  b: [1, 2\n  c: 3\n", "syntax.yaml")))).toBe(
      "syntax.yaml:2:10: error: invalid YAML: Implicit keys of flow sequence pairs need to be on a single line",
    );
  });

  it("accepts flow collections closed at their key's indentation, reporting columns of the original text", () => {
    const text = "r:\n  p:\n    a: [{\n      s: 1\n    }]\n    b: x\n";
    const parsed = parseYaml(text, "flow.yaml");
    expect(parsed.value).toEqual({ r: { p: { a: [{ s: 1 }], b: "x" } } });
    expect(parsed.locate(["r", "p", "b"])).toEqual({ line: 6, col: 8 });
  });
});

describe("positions, computed on demand from node paths", () => {
  const text = [
    "heat_template_version: 2016-10-14", // 1
    "resources:", // 2
    "  server:", // 3
    "    type: OS::Nova::Server", // 4
    "    properties:", // 5
    "      networks:", // 6
    "        - port: {get_resource: port}", // 7
    "        - network: private", // 8
    "      user_data: &ud |", // 9
    "        #!/bin/sh", // 10
    "  copy:", // 11
    "    type: OS::Heat::None", // 12
    "    metadata: {data: *ud}", // 13
  ].join("\n");
  const parsed = parseTemplateText(text, "pos.yaml");

  it.each([
    [["resources", "server", "type"], "value", 4, 11],
    [["resources", "server", "type"], "key", 4, 5],
    [["resources", "server"], "value", 3, 3],
    [["resources", "server", "properties", "networks", 1, "network"], "value", 8, 20],
    [["resources", "server", "properties", "networks", 0, "port", "get_resource"], "value", 7, 32],
    [["resources", "server", "properties", "missing", "deeper"], "value", 5, 5],
    [["resources", "copy", "metadata", "data"], "value", 13, 22],
    [[], "value", 1, 1],
  ] as const)("%j (%s) is at %i:%i", (path, target, line, col) => {
    expect(parsed.locate(path, target)).toEqual({ line, col });
  });

  it("formats a problem as FILE:LINE:COL: severity: MESSAGE", () => {
    const err = new HotError("bad type", "pos.yaml", ["resources", "server", "type"]);
    expect(formatDiagnostic(err)).toBe("pos.yaml:4:11: error: bad type");
    expect(formatDiagnostic(new HotError("odd", "pos.yaml", ["resources"], "warning", { target: "key" }))).toBe("pos.yaml:2:1: warning: odd");
  });

  it("formats a problem of a file never parsed without a position", () => {
    expect(formatDiagnostic(new HotError("cannot read", "nowhere.yaml", []))).toBe("nowhere.yaml: error: cannot read");
  });
});

describe("Heat's template loading rules (template_format.parse)", () => {
  it("reads JSON first: 1e3 is then a number, not YAML 1.1's string", () => {
    const parsed = parseTemplateText('{"heat_template_version": "2015-04-30", "x": 1e3,\n "resources": {"r": {"type": 5}}}', "t.json");
    expect(parsed.value).toEqual({ heat_template_version: "2015-04-30", x: 1000, resources: { r: { type: 5 } } });
    expect(parsed.locate(["resources", "r", "type"])).toEqual({ line: 2, col: 30 });
  });

  it("reads a file starting with a byte-order mark", () => {
    expect(parseTemplateText("\uFEFFheat_template_version: 2013-05-23\n", "bom.yaml").value).toEqual({
      heat_template_version: "2013-05-23",
    });
  });

  it.each([
    ["", "Template format version not found. A HOT template starts with heat_template_version (e.g. heat_template_version: 2018-08-31)."],
    ["- a\n", "The template is not a JSON object or YAML mapping."],
    ["null", "The template is not a JSON object or YAML mapping."],
    ["description: x\n", "Template format version not found. A HOT template starts with heat_template_version (e.g. heat_template_version: 2018-08-31)."],
  ])("rejects %j", (text, message) => {
    expect(thrown(() => parseTemplateText(text, "bad.yaml")).message).toBe(message);
  });

  it("limits the size in characters, as Heat's max_template_size (524288) does", () => {
    expect(MAX_TEMPLATE_SIZE).toBe(524288);
    const text = "heat_template_version: 2013-05-23\ndescription: " + "é".repeat(20) + "\n";
    expect(parseTemplateText(text, "ok.yaml", { maxTemplateSize: text.length }).value).toHaveProperty("description");
    expect(formatDiagnostic(thrown(() => parseTemplateText(text, "big.yaml", { maxTemplateSize: 40 })))).toBe(
      `big.yaml:1:1: error: Template size (${text.length} bytes) exceeds maximum allowed size (40 bytes).`,
    );
  });

  it("reads environments as YAML, an empty one as {}", () => {
    expect(parseEnvironmentText("", "e.yaml").value).toEqual({});
    expect(thrown(() => parseEnvironmentText("[1]", "e.yaml")).message).toBe("The environment is not a valid YAML mapping data type.");
  });
});

describe("Diagnostics, the collector of every problem", () => {
  it("records errors and warnings, and turns unhonoured constructs into errors in strict mode", () => {
    const lax = new Diagnostics();
    const strict = new Diagnostics({ strict: true });
    for (const d of [lax, strict]) {
      d.unhonoured("update_policy is ignored", "x.yaml", []);
      d.warning("just so you know", "x.yaml", []);
    }
    expect(lax.hasErrors).toBe(false);
    expect(lax.warnings.map((w) => w.message)).toEqual(["update_policy is ignored", "just so you know"]);
    expect(strict.hasErrors).toBe(true);
    expect(strict.errors.map((e) => e.message)).toEqual(["update_policy is ignored"]);
    expect(() => strict.throwIfErrors()).toThrow("update_policy is ignored");
  });

  it("captures HotErrors and lets other errors through", () => {
    const d = new Diagnostics();
    expect(
      d.capture(() => {
        throw new HotError("located", "x.yaml", []);
      }),
    ).toBeUndefined();
    expect(d.capture(() => 42)).toBe(42);
    expect(() =>
      d.capture(() => {
        throw new TypeError("a bug");
      }),
    ).toThrow("a bug");
    expect(d.errors.map((e) => e.message)).toEqual(["located"]);
  });

  it("prints problems per file in position order", () => {
    parseYaml("a: 1\nb: 2\nc: 3\n", "order.yaml");
    const d = new Diagnostics();
    d.error("third", "order.yaml", ["c"]);
    d.error("first", "order.yaml", ["a"]);
    d.error("elsewhere", "other.yaml", []);
    d.error("second", "order.yaml", ["b"]);
    expect(d.format()).toEqual([
      "order.yaml:1:4: error: first",
      "order.yaml:2:4: error: second",
      "order.yaml:3:4: error: third",
      "other.yaml: error: elsewhere",
    ]);
  });
});
