/**
 * heatshift's public entries: `heatshift` (src/index.ts, the library) and `heatshift/program`
 * (program/index.ts, what converted programs call). Converted programs import only these and
 * `heatshift/components`, never a file inside heatshift; here both resolve as npm installs them
 * (a node_modules link to this repository, no `paths`), for node and for tsc --strict.
 */
import * as fs from "fs";
import * as path from "path";
import { RUNTIME_FUNCTION_NAMES, PROGRAM_MODULE } from "../../src/convert/expressions";
import { attributeOutputs as volumeAttributes } from "../../src/registry/cinder/Volume";
import { attributeOutputs as networkAttributes } from "../../src/registry/neutron/Net";
import { attributeOutputs as serverAttributes } from "../../src/registry/nova/Server";
import { filter } from "../../src/hot/functions/filter";
import { HotStack } from "../../src/import/HotStack";
import { register } from "../../src/registry/index";
import * as program from "../../program";
import * as heatshift from "../../src/index";
import { strictCompile } from "./support";

const repo = path.resolve(__dirname, "..", "..");
const workDir = path.join(repo, ".heatshift", "entries-test");

const PROGRAM_EXPORTS = [
  "firstAddress",
  "flavorArgs",
  "hotContains",
  "hotDigest",
  "hotFilter",
  "hotListConcat",
  "hotListConcatUnique",
  "hotMakeUrl",
  "hotMapMerge",
  "hotMapReplace",
  "hotMemberListToMap",
  "hotRepeat",
  "hotSelect",
  "hotStrSplit",
  "imageArgs",
  "instanceNetworkArgs",
  "lookupNetwork",
  "metadataJson",
  "networkAddresses",
  "novaMetadata",
  "renderCloudConfig",
  "renderMultipartMime",
  "secGroupRuleArgs",
  "valueOfType",
];

describe("heatshift/program: the helpers converted programs call", () => {
  test("exports exactly the helpers and Heat's functions, the importer's own implementations with the HOT name bound", () => {
    expect(PROGRAM_MODULE).toEqual("heatshift/program");
    expect(Object.keys(program).sort()).toEqual(PROGRAM_EXPORTS);
    expect(program.hotFilter(["a"], ["a", "b"])).toEqual(filter("filter", ["a"], ["a", "b"]));
    expect([program.hotListConcat([["a"], ["a"]]), program.hotListConcatUnique([["a"], ["a"]])]).toEqual([["a", "a"], ["a"]]);
    expect(() => program.hotMakeUrl("x")).toThrow(/make_url/);
  });

  test("every function the converter can import is there: Heat's functions and the attribute readers", () => {
    const readers = [serverAttributes, networkAttributes, volumeAttributes].flatMap((outputs) => Object.values(outputs).flatMap((o) => (o.apply === undefined || o.apply === String ? [] : [o.apply.name])));
    expect([...RUNTIME_FUNCTION_NAMES, ...readers].filter((name) => typeof (program as Record<string, unknown>)[name] !== "function")).toEqual([]);
  });
});

describe("heatshift: the library", () => {
  test("exports HotStack, the registry API and everything of heatshift/program", () => {
    expect(Object.keys(heatshift).sort()).toEqual(["HotStack", "ResourceRegistry", "register", "registry", ...PROGRAM_EXPORTS].sort());
    expect(heatshift.HotStack).toBe(HotStack);
    expect(heatshift.register).toBe(register);
  });

  test("`heatshift` and `heatshift/program` resolve through package.json for node and tsc --strict, as installed by npm", () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(workDir, "node_modules"), { recursive: true });
    fs.symlinkSync(repo, path.join(workDir, "node_modules", "heatshift"), "dir");
    expect([require.resolve("heatshift", { paths: [workDir] }), require.resolve("heatshift/program", { paths: [workDir] })]).toEqual([
      path.join(repo, "src", "index.ts"),
      path.join(repo, "program", "index.ts"),
    ]);
    fs.writeFileSync(
      path.join(workDir, "index.ts"),
      [
        'import { HotStack, register } from "heatshift";',
        'import { RandomString } from "heatshift/components";',
        'import { hotFilter, imageArgs } from "heatshift/program";',
        "",
        'export const stack: typeof HotStack | typeof register | typeof RandomString = HotStack;',
        'export const image: { imageId?: unknown } = imageArgs("cirros");',
        'export const kept: unknown = hotFilter([1], [1, 2]);',
        "",
      ].join("\n"),
    );
    expect(strictCompile(workDir, ["index.ts"], { paths: false })).toEqual("");
  }, 120_000);
});
