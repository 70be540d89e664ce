import { HotError } from "../../../src/hot/diagnostics";
import { functionAvailability, functionsForVersion } from "../../../src/hot/functions/index";
import { HOT_RELEASE_NAMES, HOT_VERSION_DATES } from "../../../src/hot/versions";
import { resolveSnippet } from "../../../src/hot/functions/resolve";
import { FunctionNode, OMIT } from "../../../src/hot/functions/types";

const PATH = ["resources", "r", "properties", "p"];

function resolve(version: string, raw: unknown, kind: "value" | "condition" = "value", problems?: HotError[]) {
  return resolveSnippet(raw, PATH, {
    table: functionsForVersion(version)!,
    file: "t.yaml",
    kind,
    problems,
    conditions: { evaluate: (condition) => condition === true || condition === "yes" },
  });
}

/** How a name is treated in a value, per version (columns as in HOT-REFERENCE §3): F function, R removed, - unknown, C conditions only. */
const MATRIX: Record<string, string> = {
  //                        13 14 15a 15b 16a 16b 17a 17b 18a 18b 21
  get_param: "F F F F F F F F F F F",
  get_resource: "F F F F F F F F F F F",
  get_attr: "F F F F F F F F F F F",
  get_file: "F F F F F F F F F F F",
  list_join: "F F F F F F F F F F F",
  str_replace: "F F F F F F F F F F F",
  resource_facade: "F F F F F F F F F F F",
  repeat: "- - F F F F F F F F F",
  digest: "- - F F F F F F F F F",
  str_split: "- - - F F F F F F F F",
  map_merge: "- - - - F F F F F F F",
  yaql: "- - - - - F F F F F F",
  map_replace: "- - - - - F F F F F F",
  if: "- - - - - F F F F F F",
  filter: "- - - - - - F F F F F",
  str_replace_strict: "- - - - - - F F F F F",
  make_url: "- - - - - - - F F F F",
  list_concat: "- - - - - - - F F F F",
  list_concat_unique: "- - - - - - - F F F F",
  str_replace_vstrict: "- - - - - - - F F F F",
  contains: "- - - - - - - F F F F",
  "Fn::Select": "F F F R R R R R R R R",
  Ref: "F R R R R R R R R R R",
  "Fn::GetAZs": "F R R R R R R R R R R",
  "Fn::Join": "F R R R R R R R R R R",
  "Fn::Split": "F R R R R R R R R R R",
  "Fn::Replace": "F R R R R R R R R R R",
  "Fn::Base64": "F R R R R R R R R R R",
  "Fn::MemberListToMap": "F R R R R R R R R R R",
  "Fn::ResourceFacade": "F R R R R R R R R R R",
  equals: "- - - - - C C C C C C",
  not: "- - - - - C C C C C C",
  and: "- - - - - C C C C C C",
  or: "- - - - - C C C C C C",
};

function classify(version: string, name: string): string {
  const problems: HotError[] = [];
  const result = resolve(version, { [name]: ["x", "y"] }, "value", problems);
  const message = problems[0]?.message ?? "";
  if (message.includes("is not supported in heat_template_version")) return "R";
  if (message.includes("can only be used in conditions")) return "C";
  if (message.includes("is not available in heat_template_version")) return "-";
  if (problems.length > 0) return "F"; // a problem with the arguments: the name was taken as a function
  const isData = typeof result === "object" && result !== null && !(result instanceof FunctionNode) && name in result;
  return isData ? "data" : "F";
}

describe.each(HOT_VERSION_DATES.map((version, column) => [version, column] as const))("heat_template_version %s", (version, column) => {
  it.each(Object.keys(MATRIX))("%s", (name) => {
    expect(classify(version, name)).toEqual(MATRIX[name].split(" ")[column]);
  });
});

describe("release names", () => {
  it.each(Object.entries(HOT_RELEASE_NAMES))("%s is %s", (name, date) => {
    expect(functionsForVersion(name)).toBe(functionsForVersion(date));
  });
  it.each([["mitaka"], ["Newton"], ["2016-10-14 "], ["2016.10.14"], ["2019-01-01"]])("%p is no version", (text) => {
    expect(functionsForVersion(text)).toBeUndefined();
  });
});

describe("resolution", () => {
  it("function names a version lacks are errors located at the key, with the versions that have them", () => {
    expect(() => resolve("2015-04-30", { a: [1, { str_split: [",", "a,b"] }] })).toThrow(
      new HotError("str_split is not available in heat_template_version 2015-04-30 (available from 2015-10-15)", "t.yaml", [
        ...PATH,
        "a",
        1,
        "str_split",
      ]),
    );
    const problems: HotError[] = [];
    resolve("2015-04-30", { a: [1, { str_split: [",", "a,b"] }] }, "value", problems);
    expect(problems.map((p) => p.path)).toEqual([[...PATH, "a", 1, "str_split"]]);
  });

  it("a condition function of a later version says it is for conditions", () => {
    expect(functionAvailability("equals")).toEqual({ from: "2016-10-14", until: undefined, conditionOnly: true });
    expect(() => resolve("2015-10-15", { equals: [1, 1] })).toThrow(
      "equals is not available in heat_template_version 2015-10-15 (available in conditions from 2016-10-14)",
    );
  });

  it("removed functions give the last version that had them", () => {
    expect(functionAvailability("Fn::Select")).toEqual({ from: "2013-05-23", until: "2015-04-30", conditionOnly: false });
  });

  it("maps with more than one key and unknown names are data; functions inside are resolved", () => {
    const result = resolve("2016-10-14", { get_param: "x", other: { get_param: "y" }, list: [{ Fn_unknown: 1 }] }) as Record<string, unknown>;
    expect(result.get_param).toEqual("x");
    expect(result.other).toBeInstanceOf(FunctionNode);
    expect((result.other as FunctionNode).location).toEqual({ file: "t.yaml", path: [...PATH, "other", "get_param"] });
    expect(result.list).toEqual([{ Fn_unknown: 1 }]);
  });

  it("collects every bad call, replacing each by null", () => {
    const problems: HotError[] = [];
    const result = resolve("2017-09-01", { a: { get_attr: "srv" }, b: [{ filter: [1] }], c: { get_param: "ok" } }, "value", problems);
    expect(problems).toEqual([
      new HotError('Argument to "get_attr" must be a list', "t.yaml", [...PATH, "a", "get_attr"]),
      new HotError('"filter" expected 2 arguments of the form [values, sequence] but got 1 arguments instead', "t.yaml", [
        ...PATH,
        "b",
        0,
        "filter",
      ]),
    ]);
    expect((result as Record<string, unknown>).a).toBeNull();
    expect((result as Record<string, unknown>).b).toEqual([null]);
  });

  it("if resolves only the selected branch: the other one may hold anything", () => {
    expect(resolve("2016-10-14", { if: [true, "chosen", { get_attr: "not even a list" }] })).toEqual("chosen");
    expect(resolve("2016-10-14", { if: ["no", { str_split: "bad" }, "other"] })).toEqual("other");
  });

  it("if errors point at the if key, condition errors at the condition", () => {
    expect(() => resolve("2016-10-14", { if: [true, 1] })).toThrow(
      new HotError('Arguments to "if" must be of the form: [condition_name, value_if_true, value_if_false]', "t.yaml", [...PATH, "if"]),
    );
    expect(() => resolve("2016-10-14", { if: [{ get_resource: "x" }, 1, 2] })).toThrow(
      new HotError('The function "get_resource" is invalid in this context (conditions may use: get_param, equals, not, and, or)', "t.yaml", [
        ...PATH,
        "if",
        0,
        "get_resource",
      ]),
    );
  });

  it("2021-04-16: a 2-argument if that is false removes the map entry or list item, or the whole value", () => {
    expect(resolve("2021-04-16", { a: { if: ["no", 1] }, b: [0, { if: ["no", 1] }, 2], c: { if: ["yes", 3] } })).toEqual({
      b: [0, 2],
      c: 3,
    });
    expect(resolve("2021-04-16", { if: ["no", 1] })).toBe(OMIT);
  });

  it("without conditions, if is an error at its condition", () => {
    expect(() =>
      resolveSnippet({ if: [true, 1, 2] }, PATH, { table: functionsForVersion("2016-10-14")!, file: "t.yaml" }),
    ).toThrow(new HotError('"if" needs the template\'s conditions, which were not given', "t.yaml", [...PATH, "if", 0]));
  });
});
