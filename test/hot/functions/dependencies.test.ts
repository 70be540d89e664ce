import { HotError } from "../../../src/hot/diagnostics";
import { functionsForVersion } from "../../../src/hot/functions/index";
import { resolveSnippet } from "../../../src/hot/functions/resolve";
import {
  AttributeReference,
  collectAttributeReferences,
  collectDependencies,
  FunctionContext,
  Snippet,
  validateSnippet,
} from "../../../src/hot/functions/types";
import { standContext } from "./harness";

const PATH = ["resources", "web", "properties"];

function resolve(version: string, raw: unknown, isResource?: (name: string) => boolean): Snippet {
  return resolveSnippet(raw, PATH, {
    table: functionsForVersion(version)!,
    file: "t.yaml",
    isResource,
    conditions: { evaluate: (condition) => condition === true },
  }) as Snippet;
}

function dependencies(snippet: Snippet, ctx?: FunctionContext): string[] {
  const names = new Set<string>();
  collectDependencies(snippet, names, ctx);
  return [...names].sort();
}

describe("dependencies", () => {
  it("get_resource and get_attr add the resources they reference, nested anywhere", () => {
    const snippet = resolve("2017-09-01", {
      a: { get_resource: "net" },
      b: [{ list_join: [",", [{ get_attr: ["srv", "first_address"] }, { get_attr: ["port", "fixed_ips", 0, "ip_address"] }]] }],
      c: { get_param: "not_a_resource" },
    });
    expect(dependencies(snippet)).toEqual(["net", "port", "srv"]);
  });

  it("only the selected branch of if counts", () => {
    expect(dependencies(resolve("2016-10-14", { if: [false, { get_resource: "a" }, { get_resource: "b" }] }))).toEqual(["b"]);
  });

  it("a computed resource name is known with a context, skipped without", () => {
    const snippet = resolve("2016-10-14", { get_resource: { get_param: "which" } });
    expect(dependencies(snippet)).toEqual([]);
    const { ctx } = standContext({ version: "2016-10-14", params: { which: "db" } });
    expect(dependencies(snippet, ctx)).toEqual(["db"]);
  });

  it("2013-05-23 Ref depends on a resource, not on a parameter", () => {
    const isResource = (name: string) => name === "srv";
    expect(dependencies(resolve("2013-05-23", [{ Ref: "srv" }, { Ref: "key_name" }], isResource))).toEqual(["srv"]);
  });
});

describe("attribute references (Heat's dep_attrs)", () => {
  it("lists resource, attribute and path of every get_attr", () => {
    const snippet = resolve("2017-09-01", [{ get_attr: ["srv", "networks", "private", 0] }, { get_attr: ["srv"] }, { get_resource: "x" }]);
    const refs: AttributeReference[] = [];
    collectAttributeReferences(snippet, refs);
    expect(refs).toEqual([
      { resource: "srv", attribute: "networks", path: ["private", 0] },
      { resource: "srv", attribute: undefined, path: [] },
    ]);
  });
});

describe("checks against the template", () => {
  it("reports every unknown resource and attribute at the offending argument", () => {
    const snippet = resolve("2017-09-01", {
      a: { get_resource: "nope" },
      b: { get_attr: ["gone", "x"] },
      c: { get_attr: ["srv", "bogus"] },
      d: { get_attr: ["srv", "name"] },
    });
    const problems: HotError[] = [];
    validateSnippet(
      snippet,
      {
        hasResource: (name) => name === "srv",
        checkAttribute: (_resource, attribute) => (attribute === "name" ? undefined : "OS::Nova::Server has no such attribute"),
      },
      problems,
    );
    expect(problems).toEqual([
      new HotError('The specified reference "nope" (in resources.web.properties.a.get_resource) is incorrect.', "t.yaml", [
        ...PATH,
        "a",
        "get_resource",
      ]),
      new HotError('The specified reference "gone" (in resources.web.properties.b.get_attr) is incorrect.', "t.yaml", [
        ...PATH,
        "b",
        "get_attr",
        0,
      ]),
      new HotError("The Referenced Attribute (srv bogus) is incorrect. OS::Nova::Server has no such attribute", "t.yaml", [
        ...PATH,
        "c",
        "get_attr",
        1,
      ]),
    ]);
  });
});
