import * as pulumi from "@pulumi/pulumi";
import { Conditions } from "../../src/hot/conditions";
import { HotError } from "../../src/hot/diagnostics";
import { functionsForVersion } from "../../src/hot/functions/index";

function conditions(section: unknown, params: Record<string, unknown> = {}, version = "2017-09-01", problems?: HotError[]) {
  return new Conditions(section, {
    table: functionsForVersion(version)!,
    file: "t.yaml",
    getParam: (name) => params[name],
    problems,
  });
}

const SECTION = {
  is_prod: { equals: [{ get_param: "env" }, "prod"] },
  not_prod: { not: "is_prod" },
  big: { contains: [{ get_param: "size" }, ["l", "xl"]] },
  prod_and_big: { and: ["is_prod", "big"] },
  prod_or_big: { or: ["is_prod", "big"] },
  from_bool_param: { get_param: "enabled" },
  literal: true,
};

describe("conditions section", () => {
  it.each<[string, Record<string, unknown>, Record<string, boolean>]>([
    ["prod, xl", { env: "prod", size: "xl", enabled: true }, { is_prod: true, not_prod: false, big: true, prod_and_big: true, prod_or_big: true }],
    ["dev, s", { env: "dev", size: "s", enabled: false }, { is_prod: false, not_prod: true, big: false, prod_and_big: false, prod_or_big: false }],
    ["dev, l", { env: "dev", size: "l", enabled: true }, { is_prod: false, not_prod: true, big: true, prod_and_big: false, prod_or_big: true }],
  ])("%s", (_title, params, expected) => {
    const c = conditions(SECTION, params);
    const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, c.condition(name)]));
    expect(actual).toEqual(expected);
    expect(c.condition("from_bool_param")).toEqual(params.enabled);
    expect(c.condition("literal")).toBe(true);
    expect(c.condition("missing")).toBeUndefined();
  });

  it("names the conditions", () => {
    expect(conditions(SECTION).names).toEqual(Object.keys(SECTION));
  });

  it("an absent section has no conditions; a non-map section is an error", () => {
    expect(conditions(undefined).names).toEqual([]);
    expect(() => conditions(["a"])).toThrow(new HotError("Condition definitions must be a map. Found a list instead", "t.yaml", ["conditions"]));
    expect(() => conditions(null)).toThrow("Condition definitions must be a map. Found a NoneType instead");
  });

  it.each<[unknown, string]>([
    ["is_prod", 'The definition of condition "c" is invalid: is_prod'],
    [1, 'The definition of condition "c" is invalid: 1'],
    [["a"], "The definition of condition \"c\" is invalid: ['a']"],
  ])("a definition %p that is no bool or condition function is invalid", (definition, message) => {
    expect(() => conditions({ c: definition })).toThrow(new HotError(message, "t.yaml", ["conditions", "c"]));
  });

  it("a definition must evaluate to a bool", () => {
    expect(() => conditions({ c: { get_param: "env" } }, { env: "true" }).condition("c")).toThrow(
      new HotError('The definition of condition "c" is invalid: true', "t.yaml", ["conditions", "c"]),
    );
  });

  it("a cycle is an error at the condition that closes it", () => {
    const c = conditions({ a: { not: "b" }, b: { and: ["a", true] } });
    expect(() => c.condition("a")).toThrow(new HotError('Circular definition for condition "a"', "t.yaml", ["conditions", "a"]));
  });

  it("an unknown name inside not/and/or is an error at that function", () => {
    expect(() => conditions({ a: { or: [false, "nope"] } }).condition("a")).toThrow(
      new HotError('Invalid condition "nope"', "t.yaml", ["conditions", "a", "or"]),
    );
  });

  it("functions that are not condition functions are rejected where they are written", () => {
    const problems: HotError[] = [];
    conditions({ a: { equals: [{ get_attr: ["srv", "name"] }, "x"] }, b: { str_split: [",", "a"] } }, {}, "2017-09-01", problems);
    expect(problems.map((p) => [p.message, p.path])).toEqual([
      [
        'The function "get_attr" is invalid in this context (conditions may use: get_param, equals, not, and, or, yaql, contains)',
        ["conditions", "a", "equals", 0, "get_attr"],
      ],
      [
        'The function "str_split" is invalid in this context (conditions may use: get_param, equals, not, and, or, yaql, contains)',
        ["conditions", "b", "str_split"],
      ],
    ]);
  });

  it("contains is a condition function only from 2017-09-01", () => {
    expect(() => conditions({ a: { contains: ["a", ["a"]] } }, {}, "2016-10-14")).toThrow(
      "contains is not available in heat_template_version 2016-10-14 (available from 2017-09-01)",
    );
  });

  it("a condition on a secret (Output) parameter cannot be decided before deployment", () => {
    expect(() => conditions({ a: { equals: [{ get_param: "pw" }, "x"] } }, { pw: pulumi.secret("x") }).condition("a")).toThrow(
      new HotError(
        'The condition "a" depends on a value known only at deployment (a secret or computed parameter); conditions must be decided before deployment',
        "t.yaml",
        ["conditions", "a"],
      ),
    );
  });

  it("evaluateAll reports the problems of every definition, used or not", () => {
    const c = conditions({ ok: true, bad: { not: "nope" }, worse: { get_param: "s" } }, { s: "text" });
    expect(c.evaluateAll().map((p) => [p.message, p.path])).toEqual([
      ['Invalid condition "nope"', ["conditions", "bad", "not"]],
      ['The definition of condition "worse" is invalid: text', ["conditions", "worse"]],
    ]);
  });
});

describe("condition fields (resources, outputs)", () => {
  const c = conditions(SECTION, { env: "prod", size: "s", enabled: false });
  const path = ["resources", "db", "condition"];

  it.each<[unknown, boolean]>([
    [undefined, true],
    ["is_prod", true],
    ["not_prod", false],
    [false, false],
    [{ not: "big" }, true],
    [{ equals: [{ get_param: "size" }, "xl"] }, false],
  ])("%p", (field, expected) => {
    expect(c.evaluateField(field, path, "db")).toBe(expected);
  });

  it("an unknown name is an invalid condition at the field", () => {
    expect(() => c.evaluateField("nope", path, "db")).toThrow(new HotError('Invalid condition "nope"', "t.yaml", path));
  });

  it("a resource's condition must be a name, a bool or a condition function", () => {
    expect(() => c.evaluateField(["is_prod"], path, "db")).toThrow(
      new HotError("Resource db condition type must be string_or_boolean", "t.yaml", path),
    );
  });

  it("an output's null condition is true, as in Heat", () => {
    expect(c.evaluateField(null, ["outputs", "o", "condition"])).toBe(true);
  });
});
