import * as pulumi from "@pulumi/pulumi";
import { MockCloud, Registration, cloud, secretValue, valueOf } from "./mockCloud";
import { RandomString } from "../../components/RandomString";

/** The registrations with the dynamic resource's provider code checked for presence and left out. */
const withoutProviderCode = (registrations: Registration[]) =>
  registrations.map(({ inputs: { __provider, ...inputs }, ...r }) => {
    expect(typeof __provider).toBe(r.type.startsWith("pulumi-nodejs:dynamic/") ? "string" : "undefined");
    return { ...r, inputs };
  });

describe("RandomString", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => {
    mock.registrations.length = 0;
  });

  it("is a heatshift:heat:RandomString holding one dynamic resource with Heat's defaults; the value is secret", async () => {
    const parent = new pulumi.ComponentResource("test:index:Owner", "owner");
    const key = new RandomString("key", {}, { parent });
    expect(await valueOf(key.value)).toEqual(cloud.secretKey);
    expect(await pulumi.isSecret(key.value)).toEqual(true);
    await mock.settle();
    expect(withoutProviderCode(mock.registrations)).toEqual([
      { type: "test:index:Owner", name: "owner", parent: "", dependencies: [], inputs: {} },
      { type: "heatshift:heat:RandomString", name: "key", parent: "test:index:Owner::owner", dependencies: [], inputs: {} },
      {
        type: "pulumi-nodejs:dynamic/heatshift:RandomString",
        name: "key",
        parent: "heatshift:heat:RandomString::key",
        dependencies: [],
        inputs: { length: 32, characterClasses: [{ class: "lettersdigits", min: 1 }], characterSequences: [] },
        additionalSecretOutputs: ["value"],
      },
    ]);
  });

  it("passes classes, sequences (the deprecated sequence translated) and a salt given as Outputs", async () => {
    const password = new RandomString("password", {
      length: pulumi.output(20),
      characterClasses: pulumi.output([{ class: "uppercase" as const, min: 2 }]),
      sequence: "digits",
      characterSequences: [{ sequence: "!@#%^&*", min: 1 }],
      salt: pulumi.secret("rotation-1"),
    });
    expect(await valueOf(password.value)).toEqual(cloud.secretKey);
    await mock.settle();
    // A secret salt makes the whole spec secret: it is computed from all the arguments together.
    expect(withoutProviderCode(mock.registrations)[1].inputs).toEqual({
      length: secretValue(20),
      characterClasses: secretValue([
        { class: "uppercase", min: 2 },
        { class: "digits", min: 1 },
      ]),
      characterSequences: secretValue([{ sequence: "!@#%^&*", min: 1 }]),
      salt: secretValue("rotation-1"),
    });
  });

  // The importer fills Heat's defaults with structuredClone, whose arrays belong to another realm
  // under jest; Pulumi tells arrays by `instanceof Array` and would send them as maps.
  it("sends lists from another realm as lists", async () => {
    const classes = structuredClone([{ class: "digits" as const, min: 2 }]);
    expect(classes instanceof Array).toEqual(false);
    const pin = new RandomString("pin", { length: 6, characterClasses: classes });
    await valueOf(pin.value);
    await mock.settle();
    expect(withoutProviderCode(mock.registrations)[1].inputs).toEqual({ length: 6, characterClasses: [{ class: "digits", min: 2 }], characterSequences: [] });
  });

  it.each([
    [{ length: 3, characterClasses: [{ class: "digits" as const, min: 4 }] }, 'RandomString "bad": length is 3, smaller than the sum of the minimum counts (4)'],
    [{ sequence: "punctuation" as never }, 'RandomString "bad": sequence is "punctuation"; expected one of lettersdigits'],
    [{ characterSequences: [{ sequence: "" }] }, 'RandomString "bad": characterSequences[0].sequence is ""'],
  ])("refuses %j before registering anything", (args, message) => {
    expect(() => new RandomString("bad", args)).toThrow(message);
    expect(mock.registrations).toEqual([]);
  });
});
