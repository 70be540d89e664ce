import { parsePyJson, pyFloatRepr, pyJsonDumps, pyStr, PyJsonSyntaxError } from "../../src/signal/pyjson";

// Expected strings were produced by CPython 3 (json.loads then json.dumps / str) on this machine.
describe("Python JSON round trip (json.loads → json.dumps / str)", () => {
  test.each([
    [
      '{"b": 1.0, "a": "\u00e9", "2": [1, 2.5, -0, -0.0, 1e16, 1.5e-7, 123456789012345678901234567890, 0.0001, 1e-5, true, false, null]}',
      '{"b": 1.0, "a": "\\u00e9", "2": [1, 2.5, 0, -0.0, 1e+16, 1.5e-07, 123456789012345678901234567890, 0.0001, 1e-05, true, false, null]}',
      "{'b': 1.0, 'a': 'é', '2': [1, 2.5, 0, -0.0, 1e+16, 1.5e-07, 123456789012345678901234567890, 0.0001, 1e-05, True, False, None]}",
    ],
    [
      '{"k": "tab\\tnl\\n\\u0001 quote\\" back\\\\ emoji \\ud83d\\ude00 del\\u007f"}',
      '{"k": "tab\\tnl\\n\\u0001 quote\\" back\\\\ emoji \\ud83d\\ude00 del\\u007f"}',
      "{'k': 'tab\\tnl\\n\\x01 quote\" back\\\\ emoji 😀 del\\x7f'}",
    ],
    ['{"a": 1, "b": 2, "a": 3}', '{"a": 3, "b": 2}', "{'a': 3, 'b': 2}"],
    ["[NaN, Infinity, -Infinity, 1E400, 12.0e3, 100.0]", "[NaN, Infinity, -Infinity, Infinity, 12000.0, 100.0]", "[nan, inf, -inf, inf, 12000.0, 100.0]"],
    ['{"x": 1e22, "y": 123456789.123, "z": 5e-324}', '{"x": 1e+22, "y": 123456789.123, "z": 5e-324}', "{'x': 1e+22, 'y': 123456789.123, 'z': 5e-324}"],
    ['{"2": "b", "1": "a"}', '{"2": "b", "1": "a"}', "{'2': 'b', '1': 'a'}"],
  ])("%s", (input, dumps, str) => {
    const value = parsePyJson(input);
    expect(pyJsonDumps(value)).toEqual(dumps);
    expect(pyStr(value)).toEqual(str);
  });

  test.each([
    [1, "1.0"],
    [0.1, "0.1"],
    [1e16, "1e+16"],
    [9999999999999998, "9999999999999998.0"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [-2.5e-300, "-2.5e-300"],
    [123.456, "123.456"],
  ])("repr(float %p) is %s", (value, text) => {
    expect(pyFloatRepr(value)).toEqual(text);
  });

  test.each([
    ['"it\'s"', "it's"],
    ['["x\'y\\"z"]', "['x\\'y\"z']"],
    ['["\u00e9\u200b\\n"]', "['é\\u200b\\n']"],
    ["5", "5"],
    ["1.0", "1.0"],
    ["true", "True"],
    ["null", "None"],
    ['{"k": "it\'s"}', "{'k': \"it's\"}"],
  ])("str(%s) is %s", (input, text) => {
    expect(pyStr(parsePyJson(input))).toEqual(text);
  });

  test.each([
    ['{"a": 1,}', "Expecting property name enclosed in double quotes at offset 8"],
    ["{'a': 1}", "Expecting property name enclosed in double quotes at offset 1"],
    ['{"a" 1}', "Expecting ':' delimiter at offset 5"],
    ['{"a": 1} x', "Extra data at offset 9"],
    ['"a\tb"', "Invalid control character in string at offset 2"],
    ['"abc', "Unterminated string at offset 0"],
    ["[01]", "Expecting ',' delimiter at offset 2"],
    ["", "Expecting value at offset 0"],
    ["[".repeat(600), "Nesting too deep at offset 513"],
  ])("rejects %j", (input, message) => {
    expect(() => parsePyJson(input)).toThrow(new PyJsonSyntaxError(message.replace(/ at offset \d+$/, ""), Number(/\d+$/.exec(message)?.[0])));
  });
});
