import { FunctionError } from "../../../src/hot/functions/errors";
import { strReplace, strReplaceValues } from "../../../src/hot/functions/str_replace";

describe("strReplace (Heat ReplaceJson semantics)", () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    ["longest key first", "$xy $x", { $x: "A", $xy: "B" }, "B A"],
    ["equal length: code-point order", "abc", { ab: "1", bc: "2" }, "1c"],
    ["inserted values are not rescanned", "ab", { a: "b", b: "c" }, "bc"],
    ["a short key inside a longer key's match is untouched", "%name%", { "%name%": "x", name: "y" }, "x"],
    ["every occurrence", "a-a-a", { a: "b" }, "b-b-b"],
    ["integer", "n=N", { N: 3 }, "n=3"],
    ["float", "n=N", { N: 1.5 }, "n=1.5"],
    ["small float", "n=N", { N: 0.00001 }, "n=1e-05"],
    ["large float", "n=N", { N: 1.5e20 }, "n=1.5e+20"],
    ["booleans like Python", "T F", { T: true, F: false }, "True False"],
    ["null", "[x]", { x: null }, "[]"],
    ["list as JSON", "v", { v: [1, "a", null, true] }, '[1, "a", null, true]'],
    ["map as sorted-key JSON, non-ASCII escaped", "v", { v: { b: 1, a: "é" } }, '{"a": "\\u00e9", "b": 1}'],
    ["no params", "same", {}, "same"],
    ["key absent from the template", "same", { zz: "q" }, "same"],
  ])("%s", (_title, template, params, expected) => {
    expect(strReplace(template, params)).toEqual(expected);
  });

  it.each<[string, unknown, unknown, string]>([
    ["template not a string", 5, {}, '"str_replace" template must be a string'],
    ["params not a map", "x", ["a"], '"str_replace" params must be a map'],
    ["empty placeholder", "x", { "": "a" }, '"str_replace" param placeholders must not be empty (Python: empty separator)'],
  ])("error: %s", (_title, template, params, message) => {
    expect(() => strReplaceValues(template, params)).toThrow(new FunctionError(message));
  });

  it("2013-05-23 Replace: lists are rejected", () => {
    expect(() => strReplace("v", { v: [1] }, { jsonValues: false })).toThrow(
      '"str_replace" params must be strings or numbers, param v is not valid',
    );
  });

  it("strict: params that split nothing are listed longest first", () => {
    expect(() => strReplace("%name%", { "%name%": "x", name: "y", b: "z" }, { fnName: "str_replace_strict", strict: true })).toThrow(
      "The following params were not found in the template: name,b",
    );
    expect(strReplace("a b", { a: "1", b: "2" }, { strict: true })).toEqual("1 2");
  });

  it.each<[unknown]>([[null], [""], [[]], [{}]])("vstrict: %p is rejected", (value) => {
    expect(() => strReplace("v", { v: value }, { fnName: "str_replace_vstrict", strict: true, rejectEmpty: true })).toThrow(
      "str_replace_vstrict has an undefined or empty value for param v, must be a defined non-empty value",
    );
  });

  it("vstrict accepts 0 and false", () => {
    expect(strReplace("a b", { a: 0, b: false }, { strict: true, rejectEmpty: true })).toEqual("0 False");
  });
});
