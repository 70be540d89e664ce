import * as pulumi from "@pulumi/pulumi";
import { HotError } from "../../../src/hot/diagnostics";
import { evaluateSnippet, isOutput } from "../../../src/hot/functions/evaluate";
import { functionsForVersion } from "../../../src/hot/functions/index";
import { resolveSnippet } from "../../../src/hot/functions/resolve";
import { FunctionContext, Snippet } from "../../../src/hot/functions/types";

/** The value and secretness of an Output (outside a Pulumi program, Outputs still resolve). */
async function settle(value: unknown): Promise<{ value: unknown; secret: boolean }> {
  const output = value as pulumi.Output<unknown> & { promise(): Promise<unknown>; isSecret: Promise<boolean> };
  return { value: await output.promise(), secret: await output.isSecret };
}

const table = functionsForVersion("2021-04-16")!;

function context(params: Record<string, unknown>, attrs: Record<string, unknown> = {}): FunctionContext {
  return {
    getParam: (name) => params[name],
    getResource: (name) => (name in attrs ? pulumi.output(`${name}-id`) : undefined),
    getAttr: (resource, attribute) => (attribute === undefined ? undefined : (attrs[resource] as Record<string, unknown>)[attribute]),
    getFile: () => undefined,
    condition: () => undefined,
    resourceFacade: () => undefined,
  };
}

function resolve(raw: unknown): Snippet {
  return resolveSnippet(raw, ["resources", "r", "properties", "p"], { table, file: "t.yaml" }) as Snippet;
}

describe("evaluation over plain values and Outputs", () => {
  it("plain inputs give a plain result, synchronously", () => {
    const snippet = resolve({ list_join: ["-", [{ get_param: "a" }, "b"]] });
    expect(evaluateSnippet(snippet, context({ a: "x" }))).toEqual("x-b");
  });

  it("an Output input gives an Output with the same result", async () => {
    const snippet = resolve({ list_join: ["-", [{ get_param: "a" }, "b"]] });
    const result = evaluateSnippet(snippet, context({ a: pulumi.output("x") }));
    expect(isOutput(result)).toBe(true);
    expect(await settle(result)).toEqual({ value: "x-b", secret: false });
  });

  it("a secret input keeps the result secret through several functions", async () => {
    const snippet = resolve({
      str_replace: { template: "pw=$P host=$H", params: { $P: { get_param: "password" }, $H: { get_attr: ["srv", "ip"] } } },
    });
    const result = evaluateSnippet(snippet, context({ password: pulumi.secret("s3cret") }, { srv: { ip: pulumi.output("10.0.0.5") } }));
    expect(await settle(result)).toEqual({ value: "pw=s3cret host=10.0.0.5", secret: true });
  });

  it("plain containers holding Outputs become one Output of the plain structure", async () => {
    const snippet = resolve({ a: [{ get_resource: "srv" }, 1], b: { get_param: "n" } });
    const result = evaluateSnippet(snippet, context({ n: 2 }, { srv: {} }));
    expect(await settle(result)).toEqual({ value: { a: ["srv-id", 1], b: 2 }, secret: false });
  });

  it("get_param paths apply to an Output parameter once it is known", async () => {
    const snippet = resolve({ get_param: ["cfg", "k", 1] });
    const result = evaluateSnippet(snippet, context({ cfg: pulumi.output({ k: ["a", "b"] }) }));
    expect(await settle(result)).toEqual({ value: "b", secret: false });
  });

  it("an error found once an Output is known is still located at its node", () => {
    // A stand-in Output that runs `apply` at once and keeps what the callback threw: a real Output
    // would turn it into rejected promises, which Pulumi reports and jest treats as a crash.
    const thrown: unknown[] = [];
    const knownLater = {
      __pulumiOutput: true,
      apply(callback: (value: unknown) => unknown) {
        try {
          return callback([",", "a,b", 5]);
        } catch (error) {
          thrown.push(error);
          return undefined;
        }
      },
    };
    const snippet = resolve({ str_split: { get_param: "args" } });
    evaluateSnippet(snippet, context({ args: knownLater }));
    expect(thrown).toEqual([
      new HotError('Incorrect index to "str_split" should be between 0 and 1', "t.yaml", ["resources", "r", "properties", "p", "str_split"]),
    ]);
    expect((thrown[0] as HotError).path).toEqual(["resources", "r", "properties", "p", "str_split"]);
  });

});
