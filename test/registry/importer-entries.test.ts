import * as fs from "fs";
import * as path from "path";
import { renderCloudConfig } from "../../src/registry/heat/CloudConfig";
import { renderMultipartMime } from "../../src/registry/heat/MultipartMime";
import { substituteIndex } from "../../src/registry/heat/ResourceGroup";
import { registry, ResourceRegistry } from "../../src/registry/index";
import { resolveProperties } from "../../src/registry/properties";
import { RegistryEntry } from "../../src/registry/types";

const entry = (type: string): RegistryEntry => registry.get(type)!;

describe("properties as Heat checks them", () => {
  test.each([
    ["OS::Cinder::Volume", { size: "10" }, { size: 10, metadata: {} }],
    ["OS::Nova::KeyPair", { name: 7, save_private_key: "TRUE" }, { name: "7", save_private_key: true }],
    ["OS::Neutron::SecurityGroupRule", { security_group: "sg", port_range_min: 22 }, { security_group: "sg", port_range_min: 22, direction: "ingress", ethertype: "IPv4", protocol: "tcp" }],
    [
      "OS::Heat::MultipartMime",
      { parts: [{ config: "a" }] },
      { group: "Heat::Ungrouped", parts: [{ config: "a", type: "text" }] },
    ],
    ["OS::Cinder::Volume", { imageRef: "cirros" }, { image: "cirros", metadata: {} }],
  ])("%s %j → %j (coerced, defaults filled, deprecated names translated)", (type, given, expected) => {
    expect(resolveProperties(entry(type), given)).toEqual({ values: expected, problems: [] });
  });

  test.each([
    ["OS::Cinder::Volume", { size: "3.5" }, 'property "size" of OS::Cinder::Volume: expected an integer, got the string "3.5"', ["size"]],
    ["OS::Nova::KeyPair", { name: "k", save_private_key: "yes" }, 'property "save_private_key" of OS::Nova::KeyPair: expected a boolean (true or false), got the string "yes"', ["save_private_key"]],
    ["OS::Cinder::Volume", { size: 0 }, 'property "size" of OS::Cinder::Volume is 0; expected at least 1', ["size"]],
    ["OS::Nova::KeyPair", { name: "" }, 'property "name" of OS::Nova::KeyPair has length 0; expected a length between 1 and 255', ["name"]],
    ["OS::Neutron::SecurityGroupRule", { security_group: "sg", direction: "in" }, 'property "direction" of OS::Neutron::SecurityGroupRule is "in"; allowed values: "ingress", "egress"', ["direction"]],
    ["OS::Cinder::VolumeAttachment", { volume_id: "v" }, 'property "instance_uuid" is required by OS::Cinder::VolumeAttachment but not given', ["instance_uuid"]],
    ["OS::Cinder::VolumeAttachment", { volume_id: "v", instance_uuid: "i", mount: "/dev/vdb" }, 'unknown property "mount" for OS::Cinder::VolumeAttachment (known: instance_uuid, volume_id, mountpoint)', ["mount"]],
    ["OS::Heat::MultipartMime", { parts: [{ config: "a", type: "mime" }] }, 'property "parts.0.type" of OS::Heat::MultipartMime is "mime"; allowed values: "text", "multipart"', ["parts", 0, "type"]],
    ["OS::Cinder::Volume", { image: "a", imageRef: "b" }, '"imageRef" and "image" are both given; "imageRef" is the deprecated name of "image" (OS::Cinder::Volume): keep only "image"', ["imageRef"]],
    ["OS::Cinder::Volume", {}, "OS::Cinder::Volume needs one of size, snapshot_id, source_volid, backup_id, image (Heat: the size is taken from the source otherwise)", []],
    ["OS::Neutron::SecurityGroupRule", { security_group: "sg", remote_group: "g", remote_ip_prefix: "0.0.0.0/0" }, "remote_group and remote_ip_prefix cannot both be given (Heat: ResourcePropertyConflict)", ["remote_group"]],
    ["OS::Neutron::Subnet", { network_id: "n" }, 'OS::Neutron::Subnet needs exactly one of cidr and subnetpool (Heat: "neither" given)', []],
  ])("%s %j: %s", (type, given, message, at) => {
    expect(resolveProperties(entry(type), given).problems).toEqual([{ message, path: at }]);
  });

  test("values known only after deployment pass unchecked", () => {
    const unknown = Symbol("unknown");
    expect(resolveProperties(entry("OS::Cinder::Volume"), { size: unknown }, (v) => v === unknown)).toEqual({
      values: { size: unknown, metadata: {} },
      problems: [],
    });
  });

  test("a server's networks[*].uuid is the deprecated name of network", () => {
    const { values } = resolveProperties(entry("OS::Nova::Server"), { flavor: "f", networks: [{ uuid: "u" }] });
    expect(values.networks).toEqual([{ network: "u" }]);
  });
});

describe("config rendering as Heat does it", () => {
  test("MultipartMime: byte for byte what Python's email package writes (boundary aside)", () => {
    const golden = fs.readFileSync(path.join(__dirname, "..", "fixtures", "import", "multipart.golden"), "utf8");
    const message = renderMultipartMime([
      { config: renderCloudConfig({ packages: ["nginx"], password: "pw" }) },
      { config: "#!/bin/sh\necho hi\n", filename: "boot.sh", subtype: "x-shellscript" },
      { config: "déjà vu\n" },
    ]);
    const boundary = /boundary="([^"]+)"/.exec(message)![1];
    expect(boundary).toMatch(/^={15}\d{19}==$/);
    expect(message.split(boundary).join("BOUNDARY")).toBe(golden);
  });

  test("MultipartMime: the same parts give the same boundary (no needless server replacement)", () => {
    expect(renderMultipartMime([{ config: "a" }])).toBe(renderMultipartMime([{ config: "a" }]));
    expect(renderMultipartMime([{ config: "a" }])).not.toBe(renderMultipartMime([{ config: "b" }]));
  });

  test("MultipartMime: a multipart part is split into its parts, and the subtype comes from the file name's stem as in Heat", () => {
    const inner = renderMultipartMime([{ config: "x", filename: "one.sh" }, { config: "y", subtype: "cloud-config" }]);
    const outer = renderMultipartMime([{ config: inner, type: "multipart" }]);
    expect(outer.split("\n").filter((l) => l.startsWith("Content-Type: text/"))).toEqual([
      'Content-Type: text/one; charset="us-ascii"',
      'Content-Type: text/cloud-config; charset="us-ascii"',
    ]);
  });

  test("CloudConfig: #cloud-config and the map as block YAML, keys sorted", () => {
    expect(renderCloudConfig({ write_files: [{ path: "/a", content: "x" }], bootcmd: ["echo 1"] })).toBe(
      "#cloud-config\nbootcmd:\n- echo 1\nwrite_files:\n- content: x\n  path: /a\n",
    );
  });

  test("ResourceGroup: %index% is replaced in strings, not in keys", () => {
    expect(substituteIndex({ "n-%index%": ["a-%index%", { b: "%index%%index%" }, 3] }, "%index%", 4)).toEqual({ "n-%index%": ["a-4", { b: "44" }, 3] });
  });
});

describe("the registry", () => {
  test("maps the seed types and the importer's own", () => {
    expect(registry.types()).toEqual([
      "OS::Cinder::Volume",
      "OS::Cinder::VolumeAttachment",
      "OS::Heat::CloudConfig",
      "OS::Heat::MultipartMime",
      "OS::Heat::RandomString",
      "OS::Heat::ResourceGroup",
      "OS::Heat::SoftwareConfig",
      "OS::Heat::Value",
      "OS::Heat::WaitCondition",
      "OS::Heat::WaitConditionHandle",
      "OS::Neutron::FloatingIP",
      "OS::Neutron::FloatingIPAssociation",
      "OS::Neutron::Net",
      "OS::Neutron::Port",
      "OS::Neutron::Router",
      "OS::Neutron::RouterInterface",
      "OS::Neutron::SecurityGroup",
      "OS::Neutron::SecurityGroupRule",
      "OS::Neutron::Subnet",
      "OS::Nova::KeyPair",
      "OS::Nova::Server",
    ]);
  });

  test("register() adds a user's mapping, replacing a built-in one of the same type, and rejects bad ones", () => {
    const own = new ResourceRegistry();
    const mine: RegistryEntry = { ...entry("OS::Heat::Value"), type: "Acme::Thing" };
    own.register(mine);
    expect(own.get("Acme::Thing")).toBe(mine);
    expect(() => own.register({ ...mine, type: "not a type" })).toThrow(
      'register: type "not a type" is not a HOT resource type name; expected e.g. "My::Company::Thing"',
    );
  });
});
