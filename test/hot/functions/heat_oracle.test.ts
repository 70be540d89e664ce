/**
 * Golden test: every snippet of test/fixtures/functions/cases.json gives what Heat itself gave
 * (expected.json, written by heat_oracle.py with Debian's python3-heat), except the deliberate
 * deviations listed below with their reason.
 */
import { functionsForVersion, HOT_VERSIONS } from "../../../src/hot/functions/index";
import cases from "../../fixtures/functions/cases.json";
import expected from "../../fixtures/functions/expected.json";
import { run, Stand } from "./harness";

interface Case extends Stand {
  readonly name: string;
  readonly snippet: unknown;
  readonly kind?: "value" | "condition";
}

type Expected = { value: unknown } | { error: string } | { omitted: true };

/** Where heatshift answers differently from Heat on purpose: case name → heatshift's answer, and why. */
const DEVIATIONS: Record<string, { readonly answer: Expected; readonly why: string }> = {};

function deviate(why: string, answers: Record<string, Expected>): void {
  for (const [name, answer] of Object.entries(answers)) {
    DEVIATIONS[name] = { answer, why };
  }
}

deviate("a function of another version is an error, not silent data (Heat would pass the map on as data)", {
  "str_replace_strict in 2016-10-14": {
    error: "str_replace_strict is not available in heat_template_version 2016-10-14 (available from 2017-02-24)",
  },
  "str_replace_vstrict in 2017-02-24": {
    error: "str_replace_vstrict is not available in heat_template_version 2017-02-24 (available from 2017-09-01)",
  },
  "digest in 2014-10-16": { error: "digest is not available in heat_template_version 2014-10-16 (available from 2015-04-30)" },
  "map_merge in 2015-10-15": { error: "map_merge is not available in heat_template_version 2015-10-15 (available from 2016-04-08)" },
  "if in 2016-04-08": { error: "if is not available in heat_template_version 2016-04-08 (available from 2016-10-14)" },
  "contains in 2017-02-24": { error: "contains is not available in heat_template_version 2017-02-24 (available from 2017-09-01)" },
  "yaql in 2016-04-08": { error: "yaql is not available in heat_template_version 2016-04-08 (available from 2016-10-14)" },
  "condition 2016-10-14: contains": {
    error: "contains is not available in heat_template_version 2016-10-14 (available from 2017-09-01)",
  },
  "value 2016-10-14: equals": {
    error: 'The function "equals" can only be used in conditions (the conditions section, a condition field, or the first argument of if)',
  },
  "value 2017-09-01: equals": {
    error: 'The function "equals" can only be used in conditions (the conditions section, a condition field, or the first argument of if)',
  },
});

deviate("a removed function says which versions have it (Heat: \"The function X is not supported in this version of HOT.\")", {
  "Ref 2014-10-16": { error: "The function Ref is not supported in heat_template_version 2014-10-16 (it was removed after 2013-05-23)" },
  "Ref 2015-04-30": { error: "The function Ref is not supported in heat_template_version 2015-04-30 (it was removed after 2013-05-23)" },
  "Ref 2015-10-15": { error: "The function Ref is not supported in heat_template_version 2015-10-15 (it was removed after 2013-05-23)" },
  "Fn::Select 2015-10-15": {
    error: "The function Fn::Select is not supported in heat_template_version 2015-10-15 (it was removed after 2015-04-30)",
  },
  // Heat's stand-in stack never validates a condition here; Heat's Conditions.validate would raise the removed error too.
  "condition 2016-10-14: Fn::Select": {
    error: "The function Fn::Select is not supported in heat_template_version 2016-10-14 (it was removed after 2015-04-30)",
  },
  "condition 2017-09-01: Fn::Select": {
    error: "The function Fn::Select is not supported in heat_template_version 2017-09-01 (it was removed after 2015-04-30)",
  },
});

const CONDITIONS_2016 = "get_param, equals, not, and, or";
const CONDITIONS_2017 = "get_param, equals, not, and, or, yaql, contains";
deviate("a function that is invalid in a condition also lists the functions allowed there", {
  "if get_attr in condition 2016-10-14": { error: `The function "get_attr" is invalid in this context (conditions may use: ${CONDITIONS_2016})` },
  "if get_attr in condition 2021-04-16": { error: `The function "get_attr" is invalid in this context (conditions may use: ${CONDITIONS_2017})` },
  "condition 2016-10-14: get_attr": { error: `The function "get_attr" is invalid in this context (conditions may use: ${CONDITIONS_2016})` },
  "condition 2016-10-14: str_replace": { error: `The function "str_replace" is invalid in this context (conditions may use: ${CONDITIONS_2016})` },
  "condition 2016-10-14: if": { error: `The function "if" is invalid in this context (conditions may use: ${CONDITIONS_2016})` },
  "condition 2017-09-01: get_attr": { error: `The function "get_attr" is invalid in this context (conditions may use: ${CONDITIONS_2017})` },
  "condition 2017-09-01: str_replace": { error: `The function "str_replace" is invalid in this context (conditions may use: ${CONDITIONS_2017})` },
  "condition 2017-09-01: if": { error: `The function "if" is invalid in this context (conditions may use: ${CONDITIONS_2017})` },
});

deviate('a bad reference names where it is (Heat says "(in unknown)" when it resolves)', {
  ...Object.fromEntries(
    ["2013-05-23", "2014-10-16", "2015-10-15", "2021-04-16"].flatMap((v) => [
      [`get_resource missing ${v}`, { error: 'The specified reference "nope" (in snippet.get_resource) is incorrect.' }],
      [`get_attr unknown resource ${v}`, { error: 'The specified reference "nope" (in snippet.get_attr) is incorrect.' }],
    ]),
  ),
  "cfn 2013-05-23: Ref missing": { error: 'The specified reference "nope" (in snippet.Ref) is incorrect.' },
});

const strReplaceSyntax = (fn: string) =>
  `"${fn}" syntax should be ${fn}:\n  template: This is var1 template var2\n  params:\n    var1: a\n    var2: string`;
deviate("Heat prints the repr() of a KeyError (quotes, source-code indentation); heatshift prints the text", {
  "str_replace 2013-05-23: missing params": { error: strReplaceSyntax("str_replace") },
  "str_replace 2015-04-30: missing params": { error: strReplaceSyntax("str_replace") },
  "str_replace 2015-10-15: missing params": { error: strReplaceSyntax("str_replace") },
  "str_replace 2021-04-16: missing params": { error: strReplaceSyntax("str_replace") },
  "str_replace_strict 2017-02-24: missing params": { error: strReplaceSyntax("str_replace_strict") },
  "str_replace_vstrict 2017-09-01: missing params": { error: strReplaceSyntax("str_replace_vstrict") },
  ...Object.fromEntries(
    ["2015-04-30", "2016-10-14", "2017-09-01"].map((v) => [
      `repeat ${v}: missing template`,
      { error: `"repeat" syntax should be repeat:\n  template: This is %var%\n  for_each:\n    %var%: ['a', 'b', 'c']` },
    ]),
  ),
  "cfn 2013-05-23: Fn::MemberListToMap bad": {
    error: `Wrong Arguments try: "{'Fn::MemberListToMap': ['Name', 'Value', ['.member.0.Name=key', '.member.0.Value=door']]}"`,
  },
});

deviate("where Heat fails with a raw Python error (or a bug in its own message), heatshift says what is wrong", {
  ...Object.fromEntries(
    ["2015-04-30", "2016-10-14", "2017-09-01"].map((v) => [
      `repeat ${v}: empty for_each`,
      { error: 'The "for_each" argument to "repeat" must not be empty' },
    ]),
  ),
  "filter: values not list": { error: '"filter" filters a list of values' },
  "digest: bad algo": {
    error:
      "Algorithm must be one of blake2b, blake2s, md5, md5-sha1, ripemd160, sha1, sha224, sha256, sha384, sha3_224, " +
      "sha3_256, sha3_384, sha3_512, sha512, sha512_224, sha512_256, shake_128, shake_256, sm3",
  },
});

deviate("a parsed JS number cannot tell 1.0 from 1: integral floats behave as ints", {
  "get_param: float path": { value: "b" },
  ...Object.fromEntries(
    [
      "str_replace 2015-10-15: map value",
      "str_replace 2021-04-16: map value",
      "str_replace_strict 2017-02-24: map value",
      "str_replace_vstrict 2017-09-01: map value",
    ].map((name) => [name, { value: '{"a": 1, "b": "\\u00e9"}' }]),
  ),
});

deviate("heatshift does not embed a YAQL interpreter", {
  yaql: {
    error:
      'The function "yaql" is not supported by heatshift (it has no YAQL interpreter): compute the value with the other ' +
      "functions (map_merge, list_concat, filter, repeat...) or pass it as a parameter",
  },
});

deviate("the oracle's stand-in stack has no nova; Heat without a stack answers ['nova'], as heatshift does by default", {
  "cfn 2013-05-23: Fn::GetAZs": { value: ["nova"] },
});

const answers = expected as unknown as Record<string, Expected>;

describe.each((cases as unknown as Case[]).map((c) => [c.name, c] as const))("%s", (name, testCase) => {
  it("answers as Heat does", () => {
    const outcome = run(testCase, testCase.snippet, testCase.kind);
    const actual = "error" in outcome ? { error: outcome.error } : outcome;
    const deviation = DEVIATIONS[name];
    expect(actual).toEqual(deviation ? deviation.answer : answers[name]);
  });
});

describe("function tables", () => {
  const tables = (expected as unknown as { __tables__: Record<string, { functions: Record<string, string>; condition_functions: string[] }> })
    .__tables__;
  it.each(HOT_VERSIONS.map((v) => [v]))("%s has exactly Heat's functions and condition functions", (version) => {
    const table = functionsForVersion(version)!;
    const heat = tables[table.heatClass];
    const ours: Record<string, string> = {};
    for (const [name, definition] of table.functions) {
      ours[name] = definition.heatClass;
    }
    for (const name of table.removed) {
      ours[name] = "Removed";
    }
    expect(ours).toEqual(heat.functions);
    expect([...table.conditionFunctions.keys()].sort()).toEqual(heat.condition_functions);
  });
});

describe("deviations", () => {
  it.each(Object.entries(DEVIATIONS))("%s differs from Heat's answer (%#)", (name, deviation) => {
    expect(answers[name]).toBeDefined();
    expect(deviation.answer).not.toEqual(answers[name]);
  });
});
