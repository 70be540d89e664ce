/**
 * The registry's attribute tables (attributeOutputs) and the importer's Server: what HotStack
 * reads for a Volume, Net and Server attribute, and the metadata it sends to Nova (Heat's
 * `meta_serialize`), under mocks.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { cloud, MockCloud, valueOf } from "../components/mockCloud";
import { HotStack } from "../../src/import/HotStack";
import { registry } from "../../src/registry";
import * as volume from "../../src/registry/cinder/Volume";
import * as net from "../../src/registry/neutron/Net";
import { asId } from "../../src/registry/properties";
import { isUuidLike } from "../../src/registry/nameOrId";
import * as server from "../../src/registry/nova/Server";

const template = path.join(__dirname, "..", "fixtures", "convert", "templates", "attributes.yaml");

describe("attribute tables", () => {
  test.each([
    ["OS::Cinder::Volume", volume.attributeOutputs],
    ["OS::Neutron::Net", net.attributeOutputs],
    ["OS::Nova::Server", server.attributeOutputs],
  ])("%s: the mapped attributes are exactly the table's; the others carry the reason", (type, outputs) => {
    const attributes = registry.get(type)!.attributes;
    const mapped = Object.keys(attributes).filter((name) => attributes[name].unmapped === undefined);
    expect(mapped.sort()).toEqual(Object.keys(outputs).sort());
  });

  test("a function of the table is a named export of its module (the converter imports it by name)", () => {
    expect([volume.attributeOutputs.metadata.apply, server.attributeOutputs.networks.apply, server.attributeOutputs.first_address.apply]).toEqual([
      volume.metadataJson,
      server.networkAddresses,
      server.firstAddress,
    ]);
  });

  test("networkAddresses: addresses by network name and by network ID", () => {
    expect(
      server.networkAddresses([
        { name: "private", uuid: "net-1", fixedIpV4: "10.0.0.4", fixedIpV6: "fd00::4", port: "", mac: "", accessNetwork: false },
        { name: "private", uuid: "net-1", fixedIpV4: "10.0.0.5", fixedIpV6: "", port: "", mac: "", accessNetwork: false },
        { name: "storage", uuid: "net-2", fixedIpV4: "", fixedIpV6: "", port: "", mac: "", accessNetwork: false },
      ]),
    ).toEqual({ private: ["10.0.0.4", "fd00::4", "10.0.0.5"], "net-1": ["10.0.0.4", "fd00::4", "10.0.0.5"], storage: [], "net-2": [] });
  });
});

describe("server metadata as Heat sends it to Nova (meta_serialize)", () => {
  test("strings as they are, every other value as Python's json.dumps (keys in given order)", async () => {
    const metadata = server.novaMetadata({ role: "proxy", port: 8080, servers: ["10.0.0.4", "10.0.0.5"], tuning: { b: 1.5, a: true }, none: null });
    expect(await valueOf(metadata)).toEqual({ role: "proxy", port: "8080", servers: '["10.0.0.4", "10.0.0.5"]', tuning: '{"b": 1.5, "a": true}', none: "null" });
  });

  test("a value known only after deployment is serialised when it is known", async () => {
    expect(await valueOf(server.novaMetadata({ servers: pulumi.output(["a", "b"]) }))).toEqual({ servers: '["a", "b"]' });
  });
});

describe("a network given by name or ID (asId)", () => {
  const lookup = (nameOrId: pulumi.Input<string>) => pulumi.output(nameOrId).apply((v) => `looked-up:${v}`);

  test("a literal UUID and a value of the template's resources pass; a literal name and a nested template's parameter are looked up", async () => {
    const fromResource = pulumi.output("net-id");
    const parameter = pulumi.output("private-net");
    const values = [
      asId("5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70", lookup, isUuidLike),
      asId("private-net", lookup, isUuidLike),
      asId(fromResource, lookup, isUuidLike, (v) => v === parameter),
      asId(parameter, lookup, isUuidLike, (v) => v === parameter),
    ];
    expect(await Promise.all(values.map((v) => valueOf(pulumi.output(v!))))).toEqual(["5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70", "looked-up:private-net", "net-id", "looked-up:private-net"]);
  });
});

describe("HotStack of test/fixtures/convert/templates/attributes.yaml", () => {
  let mock: MockCloud;
  let outputs: Record<string, unknown>;
  beforeAll(async () => {
    mock = await MockCloud.install();
    const stack = new HotStack("attrs", { template, configNamespace: false });
    outputs = Object.fromEntries(await Promise.all(Object.entries(stack.outputs).map(async ([k, v]) => [k, await valueOf(v)] as const)));
    await mock.settle();
  });

  test("the server's metadata reaches Nova as strings; the adopted server is imported by its external_id, unchecked", () => {
    // Sorted by name: the metadata waits for its values, so the order of registration varies.
    const instances = mock.registrations.filter((r) => r.type === "openstack:compute/instance:Instance").sort((a, b) => a.name.localeCompare(b.name));
    expect(instances.map((r) => [r.name, r.inputs.metadata ?? null, r.importId ?? null])).toEqual([
      ["attrs-existing", null, "3f1c2b9e-5a7d-4e8f-9b0a-6c1d2e3f4a5b"],
      ["attrs-server", { role: "proxy", port: "8080", servers: '["10.0.0.4", "10.0.0.5"]' }, null],
    ]);
  });

  test("attributes: mapped ones from the table, unmapped ones null, a missing key of a path null", () => {
    expect(outputs).toEqual({
      volume_size: "2",
      volume_metadata: '{"tier":"gold"}',
      volume_status: null,
      addresses: { private: [cloud.fixedAddress] },
      private_address: cloud.fixedAddress,
      missing_network: null,
      consoles: null,
      existing_name: `attrs-existing${cloud.autoNameSuffix}`,
    });
  });
});
