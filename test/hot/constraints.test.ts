import {
  boolFromString,
  compilePythonPattern,
  Constraint,
  constraintTypeError,
  constraintViolation,
  parseConstraint,
  pythonFloatText,
  strToNum,
} from "../../src/hot/constraints";
import { HotError } from "../../src/hot/diagnostics";
import { hotVersion } from "../../src/hot/versions";

const site = (version = "2017-02-24") => ({ file: "c.yaml", path: ["parameters", "p", "constraints", 0], parameter: "p", version: hotVersion(version)! });

function parseError(def: unknown, version?: string): string {
  try {
    parseConstraint(def, site(version));
  } catch (e) {
    if (e instanceof HotError) return e.message;
    throw e;
  }
  throw new Error("expected a HotError");
}

describe("parseConstraint: Heat's definitions and messages", () => {
  it.each([
    ["not a map", "Parameter 'p' is invalid: Invalid parameter constraints, expected a mapping"],
    [{ maximum: 3 }, "Parameter 'p' is invalid: Invalid key 'maximum' for parameter constraints"],
    [{ description: "only words" }, "Parameter 'p' is invalid: No constraint expressed"],
    [{ range: [1, 2] }, "Parameter 'p' is invalid: Invalid range constraint, expected a mapping"],
    [{ range: { low: 1 } }, "Parameter 'p' is invalid: Invalid key 'low' for range constraint"],
    [{ range: {} }, "Parameter 'p' is invalid: A range constraint must have a min value and/or a max value specified."],
    [{ range: { min: "ten" } }, "Parameter 'p' is invalid: range min: could not convert string to float: 'ten'"],
    [{ length: { min: 1.5 } }, "Parameter 'p' is invalid: min/max length must be integral"],
    [{ length: {} }, "Parameter 'p' is invalid: A length constraint must have a min value and/or a max value specified."],
    [{ modulo: { step: 2 } }, "Parameter 'p' is invalid: A modulo constraint must have a step value and an offset value specified."],
    [{ modulo: { step: 0, offset: 0 } }, "Parameter 'p' is invalid: step cannot be 0."],
    [{ modulo: { step: 2, offset: 2 } }, "Parameter 'p' is invalid: offset must be smaller (by absolute value) than step."],
    [{ modulo: { step: -3, offset: 1 } }, "Parameter 'p' is invalid: step and offset must be both positive or both negative."],
    [{ modulo: { step: 2.5, offset: 1 } }, "Parameter 'p' is invalid: step/offset must be integer"],
    [{ allowed_values: "a,b" }, "Parameter 'p' is invalid: AllowedValues must be a list"],
    [{ allowed_pattern: 5 }, "Parameter 'p' is invalid: AllowedPattern must be a string"],
  ])("%j", (def, message) => {
    expect(parseError(def)).toBe(message);
  });

  it("knows modulo only from 2017-02-24 (before, Heat finds no constraint in it)", () => {
    expect(parseError({ modulo: { step: 2, offset: 0 } }, "2016-10-14")).toBe(
      "Parameter 'p' is invalid: No constraint expressed (modulo needs heat_template_version 2017-02-24 or later; this is 2016-10-14)",
    );
  });

  it("takes the first constraint of a map naming several, in Heat's order", () => {
    const c = parseConstraint({ allowed_pattern: "x", length: { max: 2 }, description: "d" }, site());
    expect(c).toEqual({ kind: "length", min: undefined, max: 2, description: "d", path: ["parameters", "p", "constraints", 0] });
  });

  it("accepts string numbers in range bounds, as Heat's str_to_num does", () => {
    expect(parseConstraint({ range: { min: "1", max: "2.5" } }, site())).toMatchObject({ kind: "range", min: 1, max: 2.5 });
  });
});

describe("which types each constraint applies to", () => {
  const kinds: Constraint[] = [
    { kind: "length", min: 1, path: [] },
    { kind: "range", min: 1, path: [] },
    { kind: "modulo", step: 2, offset: 0, path: [] },
    { kind: "allowed_values", allowed: [], path: [] },
    { kind: "allowed_pattern", pattern: "", regex: /x/y, path: [] },
    { kind: "custom_constraint", name: "nova.flavor", path: [] },
  ];
  it("matches Heat's valid_types", () => {
    const table = kinds.map((c) =>
      ["string", "number", "comma_delimited_list", "json", "boolean"].map((t) => constraintTypeError(c, t as never) ?? "ok"),
    );
    expect(table).toEqual([
      ["ok", "Length constraint invalid for number", "ok", "ok", "Length constraint invalid for boolean"],
      ["Range constraint invalid for string", "ok", "Range constraint invalid for comma_delimited_list", "Range constraint invalid for json", "Range constraint invalid for boolean"],
      ["Modulo constraint invalid for string", "ok", "Modulo constraint invalid for comma_delimited_list", "Modulo constraint invalid for json", "Modulo constraint invalid for boolean"],
      ["ok", "ok", "ok", "AllowedValues constraint invalid for json", "ok"],
      ["ok", "AllowedPattern constraint invalid for number", "AllowedPattern constraint invalid for comma_delimited_list", "AllowedPattern constraint invalid for json", "AllowedPattern constraint invalid for boolean"],
      ["ok", "ok", "ok", "CustomConstraint constraint invalid for json", "ok"],
    ]);
  });
});

describe("constraintViolation: Heat's checks and default messages", () => {
  const parse = (def: unknown) => parseConstraint(def, site());
  it.each([
    [{ range: { min: 1, max: 3 } }, "number", "5", "5 is out of range (min: 1, max: 3)"],
    [{ range: { min: 1 } }, "number", 0.5, "0.5 is out of range (min: 1, max: None)"],
    [{ range: { min: 1, max: 3 } }, "number", "2", undefined],
    [{ length: { max: 3 } }, "string", "héllo", "length (5) is out of range (min: None, max: 3)"],
    [{ length: { max: 4 } }, "string", "😀😀😀😀", undefined],
    [{ length: { min: 1 } }, "comma_delimited_list", [], "length (0) is out of range (min: 1, max: None)"],
    [{ modulo: { step: 2, offset: 1 } }, "number", 4, "4 is not a multiple of 2 with an offset of 1"],
    [{ modulo: { step: -3, offset: -1 } }, "number", 5, undefined],
    [{ modulo: { step: 3, offset: 1 } }, "number", -5, undefined],
    [{ allowed_values: [1, 2] }, "number", "2", undefined],
    [{ allowed_values: [1, 2] }, "number", "3", '"3" is not an allowed value [1, 2]'],
    [{ allowed_values: ["a", "b"] }, "string", "c", '"c" is not an allowed value ["a", "b"]'],
    [{ allowed_values: [1, 2] }, "comma_delimited_list", ["1"], '["1"] is not an allowed value [1, 2]'],
    [{ allowed_values: [true] }, "boolean", "yes", undefined],
    [{ allowed_pattern: "[a-z]+" }, "string", "abc", undefined],
    [{ allowed_pattern: "[a-z]+" }, "string", "abc1", '"abc1" does not match pattern "[a-z]+"'],
    [{ allowed_pattern: "a|ab" }, "string", "ab", '"ab" does not match pattern "a|ab"'],
    [{ allowed_pattern: "(?P<x>a)(?P=x)" }, "string", "aa", undefined],
    [{ allowed_pattern: "[0-9]+", description: "digits only" }, "string", "x", "digits only"],
    [{ custom_constraint: "nova.flavor" }, "string", "anything", undefined],
  ])("%j on %s %j", (def, type, value, message) => {
    expect(constraintViolation(parse(def), value, type as never)).toBe(message);
  });

  it("throws Python's message for a value Heat cannot convert", () => {
    expect(() => constraintViolation(parse({ range: { min: 1 } }), "many", "number")).toThrow("could not convert string to float: 'many'");
  });
});

describe("Python conversions Heat relies on", () => {
  it.each([
    ["5", 5],
    [" 7 ", 7],
    ["1_000", 1000],
    ["2.5", 2.5],
    ["1e3", 1000],
    ["-inf", -Infinity],
    [true, 1],
    [3, 3],
  ])("str_to_num(%j) is %j", (value, expected) => {
    expect(strToNum(value)).toBe(expected);
  });

  it.each([
    ["abc", "could not convert string to float: 'abc'"],
    [null, "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"],
    [[1], "int() argument must be a string, a bytes-like object or a real number, not 'list'"],
  ])("str_to_num(%j) fails like Python", (value, message) => {
    expect(() => strToNum(value)).toThrow(message);
  });

  it("parses Python float text", () => {
    expect([pythonFloatText("1_0.5"), pythonFloatText(".5"), pythonFloatText("5."), pythonFloatText("0x1"), pythonFloatText("1__0")]).toEqual([
      10.5,
      0.5,
      5,
      undefined,
      undefined,
    ]);
  });

  it.each([
    ["Yes", true],
    [" on ", true],
    ["T", true],
    ["1", true],
    [1, true],
    ["off", false],
    ["N", false],
    [false, false],
  ])("bool_from_string(%j) is %j", (value, expected) => {
    expect(boolFromString(value)).toBe(expected);
  });

  it("rejects other booleans with oslo's message", () => {
    expect(() => boolFromString("2")).toThrow(
      "Unrecognized value '2', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
    );
  });

  it("compiles Python patterns: inline flags, named groups, \\A/\\Z", () => {
    expect(compilePythonPattern("(?i)abc").flags).toBe("iy");
    expect(compilePythonPattern("\\Aa(?P<n>b)\\Z").source).toBe("^a(?<n>b)$");
  });
});
