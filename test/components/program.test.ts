import * as pulumi from "@pulumi/pulumi";
import { MockCloud, cloud, plaintextOccurrences, valueOf } from "./mockCloud";

// The Pulumi program of Pulumi.yaml (project heatshift-flasky): heat_2c's parameters as stack config.
describe("the Flasky program (index.ts)", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install("heatshift-flasky");
  });

  it("uses the template's defaults, keeps gmail_password secret and exports instance_name and instance_ip", async () => {
    pulumi.runtime.setAllConfig(
      { "heatshift-flasky:gmail_username": "flasky.admin", "heatshift-flasky:gmail_password": "hunter2" },
      ["heatshift-flasky:gmail_password"],
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index") as { instance_name: pulumi.Output<string>; instance_ip: pulumi.Output<string> };
    expect(await valueOf(program.instance_name)).toBe(`flasky-server${cloud.autoNameSuffix}`);
    expect(await valueOf(program.instance_ip)).toBe(cloud.floatingAddress);
    await mock.settle();

    const instance = mock.registrations.find((r) => r.type === "openstack:compute/instance:Instance");
    expect(instance?.inputs.imageName).toBe("trusty-server-cloudimg-amd64");
    expect(instance?.inputs.flavorName).toBe("m1.small");
    expect(instance?.inputs.keyPair).toBe("my_key");
    const userData = instance?.inputs.userData as Record<string, unknown>;
    expect(userData[pulumi.runtime.specialSigKey]).toBe(pulumi.runtime.specialSecretSig);
    expect((userData.value as string).split("\n").filter((line) => line.startsWith("MAIL_"))).toEqual([
      "MAIL_USERNAME=flasky.admin",
      "MAIL_PASSWORD=hunter2",
    ]);
    expect(mock.invocations.map((i) => i.inputs)).toEqual([{ name: "public-net" }, { name: "public-net" }]);
    // Neither the password nor the generated key is sent anywhere in plain text.
    for (const secret of ["hunter2", cloud.secretKey]) {
      expect(mock.registrations.flatMap((r) => plaintextOccurrences(r.inputs, secret).map((at) => `${r.name}: ${at}`))).toEqual([]);
    }
    expect(plaintextOccurrences({ a: ["x-hunter2"], b: userData }, "hunter2")).toEqual(["a.0"]);
    // heat_2c unless wait_condition is set.
    expect(mock.registrations.filter((r) => r.type.includes("Wait"))).toEqual([]);
  });

  it("is heat_2d with wait_condition: true, using the configured signal receiver", async () => {
    mock.registrations.length = 0;
    pulumi.runtime.setAllConfig(
      {
        "heatshift-flasky:gmail_username": "flasky.admin",
        "heatshift-flasky:gmail_password": "hunter2",
        "heatshift-flasky:wait_condition": "true",
        "heatshift:signalReceiverUrl": "http://127.0.0.1:8000",
        "heatshift:signalAdminToken": "admin-secret",
      },
      ["heatshift-flasky:gmail_password", "heatshift:signalAdminToken"],
    );
    let program: { instance_ip: pulumi.Output<string> } | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      program = require("../../index");
    });
    expect(await valueOf((program as { instance_ip: pulumi.Output<string> }).instance_ip)).toBe(cloud.floatingAddress);
    await mock.settle();

    const wait = mock.registrations.find((r) => r.type === "pulumi-nodejs:dynamic/heatshift:SignalWait");
    expect([wait?.inputs.receiverUrl, wait?.inputs.count, wait?.inputs.timeoutSeconds]).toEqual(["http://127.0.0.1:8000", 1, 600]);
    const instance = mock.registrations.find((r) => r.type === "openstack:compute/instance:Instance");
    const script = (instance?.inputs.userData as { value: string }).value;
    expect(script.endsWith(`${cloud.handle.curlCli} --data-binary '{"status": "SUCCESS"}'\n`)).toBe(true);
    // The handle's token and the receiver's admin token stay secret too.
    for (const secret of ["hunter2", cloud.handle.token, "admin-secret"]) {
      expect(mock.registrations.flatMap((r) => plaintextOccurrences(r.inputs, secret).map((at) => `${r.name}: ${at}`))).toEqual([]);
    }
  });
});
