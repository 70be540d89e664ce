import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { MockCloud, cloud, secretValue, valueOf } from "./mockCloud";
import { FlaskyServer, flaskyUserDataTemplate, renderFlaskyUserData, waitConditionNotifyLine } from "../../components/FlaskyServer";

const fixtures = path.join(__dirname, "..", "fixtures", "flasky");
const readFixture = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");
/** The str_replace of a tutorial template's flasky_instance user_data. */
const userDataOf = (template: string) =>
  parse(readFixture(template), { version: "1.1" }).resources.flasky_instance.properties.user_data.str_replace as {
    template: string;
    params: Record<string, unknown>;
  };

// The values render-user-data.py gave Heat to make the golden files.
const values = {
  gmailUsername: "flasky.admin",
  gmailPassword: "p@ss w0rd$&\\1",
  flaskSecretKey: "AbCdEfGhIjKlMnOpQrStUvWxYz012345",
};
const curlCli =
  "curl -i -X POST -H 'X-Auth-Token: tok3n' -H 'Content-Type: application/json' " +
  "-H 'Accept: application/json' http://127.0.0.1:8004/v1/p/stacks/flasky/42/resources/wait_handle/signal";

describe("Flasky user_data", () => {
  it("is heat_2b's template, byte for byte (also heat_2c's, and heat_2d's without its last line)", () => {
    expect(flaskyUserDataTemplate).toBe(userDataOf("heat_2b.yaml").template);
    expect(flaskyUserDataTemplate).toBe(userDataOf("heat_2c.yaml").template);
    expect(flaskyUserDataTemplate + waitConditionNotifyLine).toBe(userDataOf("heat_2d.yaml").template);
    expect(Object.keys(userDataOf("heat_2b.yaml").params).sort()).toEqual(["__flask_secret_key__", "__gmail_password__", "__gmail_username__"]);
  });

  it("renders exactly what Heat renders for heat_2b", () => {
    expect(values.flaskSecretKey).toBe(cloud.secretKey);
    expect(renderFlaskyUserData(values)).toBe(readFixture("heat_2b-user-data.golden"));
  });

  it("renders exactly what Heat renders for heat_2d, wc_notify replaced by the handle's curl command", () => {
    expect(renderFlaskyUserData({ ...values, waitConditionCurlCli: curlCli })).toBe(readFixture("heat_2d-user-data.golden"));
  });
});

describe("FlaskyServer", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => {
    mock.registrations.length = 0;
  });

  it("creates heat_2b's flask_secret_key and flasky_instance (network by name, user_data RAW, secret)", async () => {
    const server = new FlaskyServer("flasky", {
      image: "trusty-server-cloudimg-amd64",
      flavor: "m1.small",
      keyName: "my_key",
      networks: [{ network: "private-net" }],
      gmailUsername: values.gmailUsername,
      gmailPassword: values.gmailPassword,
    });
    expect(await valueOf(server.instanceName)).toBe(`flasky${cloud.autoNameSuffix}`);
    expect(await valueOf(server.firstAddress)).toBe(cloud.fixedAddress);
    expect(await valueOf(server.instanceId)).toBe("flasky-id");
    expect(await valueOf(server.userData)).toBe(readFixture("heat_2b-user-data.golden"));
    expect(await pulumi.isSecret(server.userData)).toBe(true);
    await mock.settle();

    // The dynamic resource carries its provider's code; the random-string tests check that code.
    const registrations = mock.registrations.map(({ inputs: { __provider, ...inputs }, ...r }) => {
      expect(typeof __provider).toBe(r.type.startsWith("pulumi-nodejs:dynamic/") ? "string" : "undefined");
      return { ...r, inputs };
    });
    expect(registrations).toEqual([
      { type: "heatshift:openstack:FlaskyServer", name: "flasky", parent: "", dependencies: [], inputs: {} },
      { type: "heatshift:heat:RandomString", name: "flasky-secret-key", parent: "heatshift:openstack:FlaskyServer::flasky", dependencies: [], inputs: {} },
      {
        type: "pulumi-nodejs:dynamic/heatshift:RandomString",
        name: "flasky-secret-key",
        parent: "heatshift:heat:RandomString::flasky-secret-key",
        dependencies: [],
        // OS::Heat::RandomString length 32, sequence lettersdigits: Heat's translation makes it the only class.
        inputs: { length: 32, characterClasses: [{ class: "lettersdigits", min: 1 }], characterSequences: [] },
        additionalSecretOutputs: ["value"],
      },
      {
        type: "openstack:compute/instance:Instance",
        name: "flasky",
        parent: "heatshift:openstack:FlaskyServer::flasky",
        dependencies: ["pulumi-nodejs:dynamic/heatshift:RandomString::flasky-secret-key"],
        inputs: {
          imageName: "trusty-server-cloudimg-amd64",
          flavorName: "m1.small",
          keyPair: "my_key",
          networks: [{ name: "private-net" }],
          // The whole script, with the password and the random key in it, reaches the engine as a secret.
          userData: secretValue(readFixture("heat_2b-user-data.golden")),
        },
        additionalSecretOutputs: ["adminPass"],
      },
    ]);
  });

  it("keeps a plain-text password secret and uses a given secret key instead of a random one", async () => {
    const server = new FlaskyServer("given-key", {
      image: "0b5d6a3e-2f1c-4e8d-9a7b-6c5d4e3f2a1b",
      flavor: "42",
      networks: [{ network: "7f0c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f", fixedIp: "10.10.10.9" }],
      securityGroups: ["web_server_security_group"],
      gmailUsername: values.gmailUsername,
      gmailPassword: values.gmailPassword,
      flaskSecretKey: values.flaskSecretKey,
      waitConditionCurlCli: curlCli,
      serverName: "flasky-by-hand",
    });
    expect(await valueOf(server.instanceName)).toBe("flasky-by-hand");
    await mock.settle();

    expect(mock.registrations.map((r) => [r.type, r.name])).toEqual([
      ["heatshift:openstack:FlaskyServer", "given-key"],
      ["openstack:compute/instance:Instance", "given-key"],
    ]);
    expect(mock.registrations[1].inputs).toEqual({
      name: "flasky-by-hand",
      imageId: "0b5d6a3e-2f1c-4e8d-9a7b-6c5d4e3f2a1b",
      flavorId: "42",
      networks: [{ uuid: "7f0c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f", fixedIpV4: "10.10.10.9" }],
      securityGroups: ["web_server_security_group"],
      userData: secretValue(readFixture("heat_2d-user-data.golden")),
    });
  });

  it.each([
    [{ networks: [] }, "FlaskyServer bad: networks is []; expected at least one entry"],
    [{ networks: [{}] }, "FlaskyServer bad.networks[0] has neither network and port; give exactly one"],
    [{ networks: [{ network: "a", port: "b" }] }, "FlaskyServer bad.networks[0] has both network and port"],
    [
      { networks: [{ port: "p" }], securityGroups: ["web"] },
      "FlaskyServer bad.securityGroups cannot be combined with networks given by port",
    ],
    [{ networks: [{ network: "n" }], gmailPassword: "" }, 'FlaskyServer bad: gmailPassword is ""; expected a non-empty value'],
  ])("refuses %j", (override, message) => {
    const args = { image: "i", flavor: "f", gmailUsername: "u", gmailPassword: "p", ...override };
    expect(() => new FlaskyServer("bad", args as never)).toThrow(message);
  });
});
