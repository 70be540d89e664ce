import { HotError } from "../../../src/hot/diagnostics";
import { evaluateSnippet } from "../../../src/hot/functions/evaluate";
import { functionsForVersion } from "../../../src/hot/functions/index";
import { resolveSnippet } from "../../../src/hot/functions/resolve";
import { FunctionContext, Snippet } from "../../../src/hot/functions/types";
import { run } from "./harness";

/** A context that records what the functions ask for. */
function recordingContext(overrides: Partial<FunctionContext> = {}) {
  const calls: unknown[][] = [];
  const ctx: FunctionContext = {
    getParam: (name) => (name === "key" ? "mykey" : undefined),
    getResource: (name) => (name === "srv" ? "srv-uuid" : undefined),
    getAttr: (resource, attribute, path) => {
      calls.push([resource, attribute, path]);
      return { private: ["10.0.0.1"] };
    },
    getFile: (name) => (name === "scripts/boot.sh" ? "#!/bin/sh\n" : undefined),
    condition: () => undefined,
    resourceFacade: (kind) => ({ metadata: { role: "web" }, deletion_policy: "Retain", update_policy: {} })[kind],
    ...overrides,
  };
  return { ctx, calls };
}

function evaluate(version: string, raw: unknown, ctx: FunctionContext, isResource?: (name: string) => boolean): unknown {
  const snippet = resolveSnippet(raw, ["outputs", "o", "value"], { table: functionsForVersion(version)!, file: "nested.yaml", isResource });
  return evaluateSnippet(snippet as Snippet, ctx);
}

describe("what functions ask the context", () => {
  it("2013-05-23 get_attr reads the attribute and applies the path itself", () => {
    const { ctx, calls } = recordingContext();
    expect(evaluate("2013-05-23", { get_attr: ["srv", "networks", "private", 0] }, ctx)).toEqual("10.0.0.1");
    expect(calls).toEqual([["srv", "networks", []]]);
  });

  it.each([["2014-10-16"], ["2015-10-15"], ["2021-04-16"]])("%s get_attr passes the path to the resource", (version) => {
    const { ctx, calls } = recordingContext();
    expect(evaluate(version, { get_attr: ["srv", "networks", "private", 0] }, ctx)).toEqual({ private: ["10.0.0.1"] });
    expect(calls).toEqual([["srv", "networks", ["private", 0]]]);
  });

  it("get_attr with the resource alone asks for all attributes (from 2015-10-15)", () => {
    const { ctx, calls } = recordingContext();
    evaluate("2015-10-15", { get_attr: ["srv"] }, ctx);
    expect(calls).toEqual([["srv", undefined, []]]);
  });

  it("get_file reads the files map by the key as written", () => {
    const { ctx } = recordingContext();
    expect(evaluate("2013-05-23", { get_file: "scripts/boot.sh" }, ctx)).toEqual("#!/bin/sh\n");
    expect(() => evaluate("2013-05-23", { get_file: "scripts/none.sh" }, ctx)).toThrow(
      new HotError('No content found in the "files" section for get_file path: scripts/none.sh', "nested.yaml", [
        "outputs",
        "o",
        "value",
        "get_file",
      ]),
    );
  });

  it.each<[string, string, unknown]>([
    ["2016-10-14", "metadata", { role: "web" }],
    ["2016-10-14", "deletion_policy", "Retain"],
    ["2016-10-14", "update_policy", {}],
  ])("%s resource_facade: %s", (version, kind, expected) => {
    const { ctx } = recordingContext();
    expect(evaluate(version, { resource_facade: kind }, ctx)).toEqual(expected);
  });

  it("Fn::ResourceFacade uses the CFN spelling", () => {
    const { ctx } = recordingContext();
    expect(evaluate("2013-05-23", { "Fn::ResourceFacade": "DeletionPolicy" }, ctx)).toEqual("Retain");
  });

  it("resource_facade outside a template used as a resource type is an error", () => {
    const { ctx } = recordingContext({ resourceFacade: () => undefined });
    expect(() => evaluate("2016-10-14", { resource_facade: "metadata" }, ctx)).toThrow(
      '"resource_facade" reads the parent resource of a template used as a resource type, but this template is not used as one',
    );
  });

  it("2013-05-23 Ref reads a resource when the name is one, else a parameter", () => {
    const { ctx } = recordingContext();
    const isResource = (name: string) => name === "srv";
    expect(evaluate("2013-05-23", [{ Ref: "srv" }, { Ref: "key" }], ctx, isResource)).toEqual(["srv-uuid", "mykey"]);
  });

  it("Fn::GetAZs asks the context, and answers ['nova'] when it cannot", () => {
    expect(evaluate("2013-05-23", { "Fn::GetAZs": "" }, recordingContext({ availabilityZones: () => ["az1", "az2"] }).ctx)).toEqual([
      "az1",
      "az2",
    ]);
    expect(evaluate("2013-05-23", { "Fn::GetAZs": "" }, recordingContext().ctx)).toEqual(["nova"]);
  });
});

/** Errors with their location, per function and version: [version, snippet, message, path below ["snippet"]]. */
const ERRORS: [string, unknown, string, (string | number)[]][] = [
  ["2016-10-14", { get_param: "nope" }, "The Parameter (nope) was not provided.", ["get_param"]],
  ["2016-10-14", { get_param: { a: 1 } }, 'Argument to "get_param" must be string or list', ["get_param"]],
  ["2013-05-23", { get_attr: ["srv"] }, 'Arguments to "get_attr" must be of the form [resource_name, attribute, (path), ...]', ["get_attr"]],
  ["2016-10-14", { get_attr: ["nope", "x"] }, 'The specified reference "nope" (in snippet.get_attr) is incorrect.', ["get_attr", 0]],
  ["2016-10-14", { get_resource: "nope" }, 'The specified reference "nope" (in snippet.get_resource) is incorrect.', ["get_resource"]],
  ["2015-10-15", { list_join: [",", ["a", 1]] }, "Items to join must be string, map or list not 1", ["list_join"]],
  ["2013-05-23", { list_join: [",", ["a", [1]]] }, "Items to join must be strings not [1]", ["list_join"]],
  ["2013-05-23", { str_replace: { template: "v", params: { v: [1] } } }, '"str_replace" params must be strings or numbers, param v is not valid', ["str_replace"]],
  ["2016-10-14", { str_replace: { template: "x", params: "y" } }, '"str_replace" parameters must be a mapping', ["str_replace", "params"]],
  ["2017-02-24", { str_replace_strict: { template: "x", params: { y: 1 } } }, "The following params were not found in the template: y", ["str_replace_strict"]],
  ["2015-04-30", { digest: ["nope", "x"] }, "Algorithm must be one of blake2b, blake2s, md5, md5-sha1, ripemd160, sha1, sha224, sha256, sha384, sha3_224, sha3_256, sha3_384, sha3_512, sha512, sha512_224, sha512_256, shake_128, shake_256, sm3", ["digest"]],
  ["2017-09-01", { repeat: { template: "x", for_each: { "%a%": ["1"] }, permutations: "yes" } }, '"permutations" should be boolean type for repeat function.', ["repeat", "permutations"]],
  ["2016-04-08", { repeat: { template: "x", for_each: { "%a%": { k: 1 } } } }, 'The values of the "for_each" argument to "repeat" must be lists', ["repeat"]],
  ["2016-10-14", { repeat: { template: "x", for_each: ["a"] } }, 'The "for_each" argument to "repeat" must contain a map', ["repeat", "for_each"]],
  ["2015-10-15", { str_split: [",", "a,b", 3] }, 'Incorrect index to "str_split" should be between 0 and 1', ["str_split"]],
  ["2016-04-08", { map_merge: [{ a: 1 }, "b"] }, "Incorrect arguments: Items to merge must be maps.", ["map_merge"]],
  ["2016-10-14", { map_replace: [{ a: 1, b: 2 }, { keys: { a: "b" } }] }, "key replacement b collides with a key in the input map", ["map_replace"]],
  ["2017-09-01", { list_concat: [["a"], "b"] }, 'Incorrect arguments: Items to concat must be lists. [["a"], "b"] contains an item that is not a list: "b"', ["list_concat"]],
  ["2017-09-01", { contains: ["a", { a: 1 }] }, 'Second argument to "contains" should be a sequence.', ["contains"]],
  ["2017-02-24", { filter: [["a"], "abc"] }, '"filter" only works with lists', ["filter"]],
  ["2017-09-01", { make_url: { host: "h", port: 0 } }, "Invalid URL port 0, must be in range 1-65535", ["make_url"]],
  ["2017-09-01", { make_url: { host: "h", extra: 1 } }, 'Invalid arguments to "make_url": extra', ["make_url"]],
  ["2016-10-14", { resource_facade: "Metadata" }, 'Incorrect arguments to "resource_facade" should be one of: metadata, deletion_policy, update_policy', ["resource_facade"]],
  ["2016-10-14", { yaql: { expression: "1" } }, 'The function "yaql" is not supported by heatshift (it has no YAQL interpreter): compute the value with the other functions (map_merge, list_concat, filter, repeat...) or pass it as a parameter', ["yaql"]],
  ["2013-05-23", { "Fn::Select": [0, 5] }, "Arguments to Fn::Select not fully resolved", ["Fn::Select"]],
  ["2013-05-23", { "Fn::Split": [{ get_param: "d" }, "a"] }, "Delimiter for Fn::Split must be string", ["Fn::Split"]],
  ["2013-05-23", { "Fn::Base64": ["a"] }, '"Fn::Base64" argument must be a string', ["Fn::Base64"]],
  ["2013-05-23", { "Fn::MemberListToMap": [1, "Value", []] }, "Fn::MemberListToMap Key Name must be a string", ["Fn::MemberListToMap", 0]],
  ["2016-10-14", { if: ["nope", 1, 2] }, 'Invalid condition "nope"', ["if", 0]],
  ["2016-10-14", { if: [{ not: "nope" }, 1, 2] }, 'Invalid condition "nope"', ["if", 0, "not"]],
  ["2016-10-14", { if: [{ and: [true] }, 1, 2] }, 'The minimum number of condition arguments to "and" is 2.', ["if", 0, "and"]],
  ["2016-10-14", { if: [{ equals: [1] }, 1, 2] }, 'Arguments to "equals" must be of the form: [value_1, value_2]', ["if", 0, "equals"]],
];

describe.each(ERRORS)("%s %j", (version, snippet, message, path) => {
  it("fails at the offending node", () => {
    expect(run({ version, params: { d: "," }, resources: { srv: { name: "x" } }, conditions: {} }, snippet)).toEqual({
      error: message,
      path: ["snippet", ...path],
    });
  });
});
