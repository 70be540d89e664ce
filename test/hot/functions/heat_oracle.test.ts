/**
 * Golden test: every snippet of test/fixtures/functions/cases.json gives what Heat itself gave
 * (expected.json, written by heat_oracle.py with Debian's python3-heat), except the deliberate
 * deviations listed below with their reason.
 */
import { isDeepStrictEqual } from "util";
import { functionsForVersion } from "../../../src/hot/functions/index";
import { HOT_VERSION_DATES } from "../../../src/hot/versions";
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

/** The first version of each function, and the last of the removed ones (HOT-REFERENCE.md §3). */
const FIRST: Record<string, string> = {
  repeat: "2015-04-30",
  digest: "2015-04-30",
  str_split: "2015-10-15",
  map_merge: "2016-04-08",
  map_replace: "2016-10-14",
  if: "2016-10-14",
  yaql: "2016-10-14",
  filter: "2017-02-24",
  str_replace_strict: "2017-02-24",
  make_url: "2017-09-01",
  list_concat: "2017-09-01",
  list_concat_unique: "2017-09-01",
  str_replace_vstrict: "2017-09-01",
  contains: "2017-09-01",
};
const LAST: Record<string, string> = { "Fn::Select": "2015-04-30" };
const REMOVED_LATER = new Set([
  "Fn::Select",
  "Ref",
  "Fn::GetAZs",
  "Fn::Join",
  "Fn::Split",
  "Fn::Replace",
  "Fn::Base64",
  "Fn::MemberListToMap",
  "Fn::ResourceFacade",
]);
const CONDITION_FUNCTIONS_2016 = "get_param, equals, not, and, or";
const CONDITION_FUNCTIONS_2017 = "get_param, equals, not, and, or, yaql, contains";
const CONDITION_ONLY = new Set(["equals", "not", "and", "or"]);

/**
 * Deviations that follow a rule, each tested on every case it applies to:
 * - a function of another version (Heat: silently data) is an error naming the versions that have it;
 * - a condition function used as a value (Heat: data) is an error;
 * - a removed function names the last version that had it;
 * - a function invalid in a condition lists the functions allowed there.
 */
function ruleAnswer(testCase: Case, heat: Expected): Expected | undefined {
  const snippet = testCase.snippet;
  const name =
    typeof snippet === "object" && snippet !== null && !Array.isArray(snippet) && Object.keys(snippet).length === 1
      ? Object.keys(snippet)[0]
      : undefined;
  if (name === undefined) {
    return undefined;
  }
  const version = testCase.version;
  const heatTreatsAsData =
    ("value" in heat && isDeepStrictEqual(heat.value, snippet)) ||
    (testCase.kind === "condition" && "error" in heat && heat.error.startsWith(`Invalid condition "{'${name}'`));
  if (heatTreatsAsData) {
    if (CONDITION_ONLY.has(name) && testCase.kind !== "condition") {
      return {
        error: `The function "${name}" can only be used in conditions (the conditions section, a condition field, or the first argument of if)`,
      };
    }
    if (FIRST[name] !== undefined && version < FIRST[name]) {
      return { error: `${name} is not available in heat_template_version ${version} (available from ${FIRST[name]})` };
    }
    if (REMOVED_LATER.has(name)) {
      // Heat's stand-in resolution of a condition never validates it; Conditions.validate would raise the removed error.
      return {
        error: `The function ${name} is not supported in heat_template_version ${version} (it was removed after ${LAST[name] ?? "2013-05-23"})`,
      };
    }
  }
  if ("error" in heat && heat.error === `The template version is invalid: The function ${name} is not supported in this version of HOT.`) {
    return {
      error: `The function ${name} is not supported in heat_template_version ${version} (it was removed after ${LAST[name] ?? "2013-05-23"})`,
    };
  }
  if ("error" in heat && /^The function "[^"]+" is invalid in this context$/.test(heat.error)) {
    const allowed = version >= "2017-09-01" ? CONDITION_FUNCTIONS_2017 : CONDITION_FUNCTIONS_2016;
    return { error: `${heat.error} (conditions may use: ${allowed})` };
  }
  return undefined;
}

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
  "edge: digest beyond latin-1": { error: '"digest" hashes the Latin-1 bytes of the value, and character "€" at position 0 has none' },
  "edge: Fn::MemberListToMap no equals": { error: 'Member list item "nothing" has no "="' },
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
    expect(actual).toEqual(deviation ? deviation.answer : (ruleAnswer(testCase, answers[name]) ?? answers[name]));
  });
});

describe("function tables", () => {
  const tables = (expected as unknown as { __tables__: Record<string, { functions: Record<string, string>; condition_functions: string[] }> })
    .__tables__;
  it.each(HOT_VERSION_DATES.map((v) => [v]))("%s has exactly Heat's functions and condition functions", (version) => {
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
