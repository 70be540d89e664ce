import {
  compareCodePoints,
  pythonEquals,
  pythonFloatRepr,
  pythonInt,
  pythonJsonDumps,
  pythonNumberStr,
  pythonQuote,
  pythonQuotePlus,
  pythonScalarStr,
} from "../../../src/hot/functions/python";

// Expected strings are Python 3.11's own output (repr / json.dumps / urllib.parse).
describe("Python rendering", () => {
  it.each<[number, string]>([
    [1.5, "1.5"],
    [0.1, "0.1"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1.5e16, "1.5e+16"],
    [123456789012345.6, "123456789012345.6"],
    [1e22, "1e+22"],
    [-2.5e-7, "-2.5e-07"],
    [3.0e-4, "0.0003"],
    [0.30000000000000004, "0.30000000000000004"],
    [Infinity, "inf"],
    [-0, "-0.0"],
  ])("repr(float %p) is %s", (value, expected) => {
    expect(pythonFloatRepr(value)).toEqual(expected);
  });

  it.each<[number, string]>([
    [100, "100"],
    [-3, "-3"],
    [1e16, "1e+16"],
    [2.5, "2.5"],
  ])("str(number %p) is %s (integral numbers below 1e16 are ints)", (value, expected) => {
    expect(pythonNumberStr(value)).toEqual(expected);
  });

  it.each<[string | number | boolean, string]>([
    [true, "True"],
    [false, "False"],
    ["x", "x"],
    [7, "7"],
  ])("str(%p) is %s", (value, expected) => {
    expect(pythonScalarStr(value)).toEqual(expected);
  });

  it("json.dumps(sort_keys=True): code-point key order, Python separators, ASCII escapes", () => {
    expect(pythonJsonDumps({ b: [1, 2.5, null, true], a: 'é\u007f\n"\\', "😀": "x" })).toEqual(
      '{"a": "\\u00e9\\u007f\\n\\"\\\\", "b": [1, 2.5, null, true], "\\ud83d\\ude00": "x"}',
    );
    expect(pythonJsonDumps({ b: 1, a: 2 }, false)).toEqual('{"b": 1, "a": 2}');
    expect(() => pythonJsonDumps(() => 1)).toThrow(TypeError);
  });

  it("compares like Python's sorted(): code points, so astral characters sort after U+FFFF", () => {
    expect(["\uffff", "😀", "a", "B"].sort(compareCodePoints)).toEqual(["B", "a", "\uffff", "😀"]);
  });

  it.each<[unknown, unknown, boolean]>([
    [1, 1.0, true],
    [true, 1, true],
    ["1", 1, false],
    [[1, { a: [2] }], [1, { a: [2] }], true],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [null, null, true],
    [null, false, false],
  ])("%p == %p is %p", (a, b, expected) => {
    expect(pythonEquals(a, b)).toBe(expected);
  });

  it.each<[unknown, number | undefined]>([
    ["12", 12],
    [" -3 ", -3],
    ["1_000", 1000],
    ["1.0", undefined],
    ["x", undefined],
    [2.9, 2],
    [true, 1],
    [null, undefined],
  ])("int(%p) is %p", (value, expected) => {
    expect(pythonInt(value)).toEqual(expected);
  });

  it("quote and quote_plus", () => {
    expect(pythonQuote("a b/c~é:@")).toEqual("a%20b/c~%C3%A9%3A%40");
    expect(pythonQuote("a b/c", "")).toEqual("a%20b%2Fc");
    expect(pythonQuotePlus("a b/c&d")).toEqual("a+b%2Fc%26d");
  });
});
