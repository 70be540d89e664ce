import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud, Registration, cloud, valueOf } from "../components/mockCloud";
import { FlaskyServer } from "../../components/FlaskyServer";
import { FlaskySingleInstance } from "../../components/FlaskySingleInstance";
import { HotStack } from "../../src/import/HotStack";

const tutorial = path.join(__dirname, "..", "..", "..", "shared", "hot-corpus", "miguelgrinberg__heat-tutorial");
const receiver = { url: "http://127.0.0.1:8000", adminToken: "admin-secret" };

/** The tutorial's parameter values (defaults) plus the mail account. */
const parameters = {
  image: "trusty-server-cloudimg-amd64",
  flavor: "m1.small",
  key: "my_key",
  public_network: "public-net",
  gmail_username: "flasky.admin",
  gmail_password: "p@ss w0rd$&\\1",
};

const { public_network: _unused, ...withoutPublicNetwork } = parameters;

/**
 * The cloud resources (components left out) as (type, inputs), with each mock id replaced by the
 * type of the resource it is the id of: names differ between a HotStack and the components, what
 * is created and with which values must not.
 */
function cloudResources(registrations: Registration[]): { type: string; inputs: unknown }[] {
  const idOf = new Map<string, string>(registrations.map((r) => [`${r.name}-id`, r.type]));
  const normal = (value: unknown): unknown => {
    if (typeof value === "string") return idOf.has(value) ? `<id of ${idOf.get(value)}>` : value;
    if (Array.isArray(value)) return value.map(normal);
    if (value !== null && typeof value === "object") {
      // The signal handle and condition are known to the receiver by their Pulumi names, which differ.
      const dropped = ["__provider", "handleName", "conditionName"];
      return Object.fromEntries(Object.entries(value).filter(([k]) => !dropped.includes(k)).map(([k, v]) => [k, normal(v)]));
    }
    return value;
  };
  return registrations
    .filter((r) => !r.type.startsWith("heatshift:"))
    .map((r) => ({ type: r.type, inputs: normal(r.inputs) }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe("HotStack imports the tutorial like the components build it", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
    process.env.HEATSHIFT_SIGNAL_URL = receiver.url;
    process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN = receiver.adminToken;
  });
  afterAll(() => {
    delete process.env.HEATSHIFT_SIGNAL_URL;
    delete process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
  });
  const record = async (build: () => pulumi.Output<unknown>[]): Promise<Registration[]> => {
    mock.registrations.length = 0;
    mock.invocations.length = 0;
    await Promise.all(build().map(valueOf));
    await mock.settle();
    return [...mock.registrations];
  };

  test("heat_2a: one server on a network given by name", async () => {
    const registrations = await record(() => {
      const stack = new HotStack("s", {
        template: path.join(tutorial, "heat_2a.yaml"),
        parameters: { private_network: "private-net" },
        configNamespace: false,
      });
      return [stack.getOutput("instance_name"), stack.getOutput("instance_ip")];
    });
    expect(cloudResources(registrations)).toEqual([
      {
        type: "openstack:compute/instance:Instance",
        inputs: {
          imageName: "cirros-0.3.3-x86_64",
          flavorName: "m1.small",
          keyPair: "my_key",
          networks: [{ name: "private-net" }],
          userData: '#!/bin/sh\necho "Hello, World!"\n',
        },
      },
    ]);
  });

  test("heat_2b = FlaskyServer on a network given by name", async () => {
    let outputs: Record<string, pulumi.Output<unknown>> = {};
    const imported = await record(() => {
      const stack = new HotStack("s", {
        template: path.join(tutorial, "heat_2b.yaml"),
        parameters: { ...withoutPublicNetwork, private_network: "private-net" },
        configNamespace: false,
      });
      outputs = stack.outputs as Record<string, pulumi.Output<unknown>>;
      return Object.values(stack.outputs);
    });
    expect(await valueOf(outputs.instance_ip)).toBe(cloud.fixedAddress);
    const built = await record(() => {
      const server = new FlaskyServer("flasky", {
        image: parameters.image,
        flavor: parameters.flavor,
        keyName: parameters.key,
        networks: [{ network: "private-net" }],
        gmailUsername: parameters.gmail_username,
        gmailPassword: parameters.gmail_password,
      });
      return [server.firstAddress];
    });
    expect(cloudResources(imported)).toEqual(cloudResources(built));
  });

  test.each([
    ["heat_2c.yaml", false],
    ["heat_2d.yaml", true],
  ])("%s = FlaskySingleInstance (wait condition: %s)", async (template, waits) => {
    let ip: pulumi.Output<unknown> = pulumi.output(undefined);
    const imported = await record(() => {
      const stack = new HotStack("s", { template: path.join(tutorial, template), parameters, configNamespace: false });
      ip = stack.getOutput("instance_ip");
      return Object.values(stack.outputs);
    });
    expect(await valueOf(ip)).toBe(cloud.floatingAddress);
    const built = await record(() => {
      const flasky = new FlaskySingleInstance("flasky", {
        image: parameters.image,
        flavor: parameters.flavor,
        keyName: parameters.key,
        publicNetwork: parameters.public_network,
        gmailUsername: parameters.gmail_username,
        gmailPassword: parameters.gmail_password,
        ...(waits ? { waitCondition: { receiver } } : {}),
      });
      return [flasky.instanceIp, flasky.instanceName];
    });
    expect(cloudResources(imported)).toEqual(cloudResources(built));
  });
});
