/**
 * Attributes read as the importer's registry reads them (its attributeOutputs tables, unmapped
 * ones as Heat's null), a Net's name inside PrivateNetwork, a server's non-string metadata (Heat's
 * meta_serialize) and external_id (Pulumi's import): the exact code, and the same resources,
 * import ids and outputs as HotStack under mocks.
 */
import * as path from "path";
import { MockCloud } from "../components/mockCloud";
import { convertTemplate } from "../../src/convert/emit";
import { formatDiagnostic } from "../../src/hot/diagnostics";
import { compareWithHotStack } from "./support";

const templates = path.join(__dirname, "..", "fixtures", "convert", "templates");
const attributes = path.join(templates, "attributes.yaml");
const networkName = path.join(templates, "network-name.yaml");
const unreadable = path.join(templates, "unreadable-attribute.yaml");

describe("attributes, metadata and external_id: the program", () => {
  const result = convertTemplate({ templateFile: attributes });
  const lines = (result.program ?? "").split("\n");

  test("converts with the loader's warnings only (unmapped attributes, the adoption)", () => {
    expect(result.problems.map((p) => formatDiagnostic(p).replace(/^.*attributes\.yaml:/, ""))).toEqual([
      "28:5: warning: existing is adopted (external_id): Pulumi imports it and reports a difference if its properties do not describe the existing resource",
      "35:5: warning: attribute status of volume (OS::Cinder::Volume) is not mapped: Pulumi's Volume does not expose it; it is null after import",
      "43:5: warning: attribute console_urls of server (OS::Nova::Server) is not mapped: Pulumi's Instance does not expose it; it is null after import",
    ]);
  });

  test("the registry's functions are imported from heatshift/program, one line; the server's metadata goes through novaMetadata", () => {
    expect(lines.filter((l) => l.startsWith("import {"))).toEqual([
      'import { flavorArgs, imageArgs, instanceNetworkArgs, metadataJson, networkAddresses, novaMetadata } from "heatshift/program";',
    ]);
    expect(lines.filter((l) => l.includes("metadata: "))).toEqual([
      'const volume = new openstack.blockstorage.Volume("volume", { size: 2, metadata: { tier: "gold" } });',
      '  metadata: novaMetadata({ servers: ["10.0.0.4", "10.0.0.5"], port: 8080, role: "proxy" }),',
    ]);
  });

  test("external_id is the import option", () => {
    expect(lines.filter((l) => l.includes("existing"))).toEqual([
      'const existingServer = config.get("existing_server") ?? "3f1c2b9e-5a7d-4e8f-9b0a-6c1d2e3f4a5b";',
      'const existing = new openstack.compute.Instance("existing", {}, { import: existingServer });',
      "export const existing_name = existing.name;",
    ]);
  });

  test("attributes: the table's reads, a path with Heat's null for a missing key, unmapped ones null", () => {
    expect(lines.filter((l) => l.startsWith("export const") && !l.includes("existing"))).toEqual([
      "export const volume_size = volume.size.apply(String);",
      "export const volume_metadata = volume.metadata.apply(metadataJson);",
      "export const volume_status = null /* status: Pulumi's Volume does not expose it */;",
      "export const addresses = server.networks.apply(networkAddresses);",
      'export const private_address = server.networks.apply(networkAddresses).apply((v: any) => v?.["private"]?.[0] ?? null);',
      'export const missing_network = server.networks.apply(networkAddresses).apply((v: any) => v?.["public"]?.[0] ?? null);',
      "export const consoles = null /* console_urls: Pulumi's Instance does not expose it */;",
    ]);
  });

  test("a property given only an unmapped attribute is not set (Heat counts a null property as not given); the dependency stays", () => {
    const converted = convertTemplate({ templateFile: unreadable });
    expect([converted.problems.map((p) => formatDiagnostic(p).replace(/^.*unreadable-attribute\.yaml:/, "")), converted.program?.trimEnd().split("\n").slice(-4)]).toEqual([
      ["11:5: warning: attribute console_urls of first (OS::Nova::Server) is not mapped: Pulumi's Instance does not expose it; it is null after import"],
      [
        'new openstack.compute.Instance("second", {',
        '  ...imageArgs("cirros"),',
        '  ...flavorArgs("m1.tiny"),',
        "}, { dependsOn: [first] });",
      ],
    ]);
  });

  test("a Net inside PrivateNetwork: its name is the component's networkName", () => {
    const program = convertTemplate({ templateFile: networkName }).program!;
    expect(program.split("\n").filter((l) => l.startsWith("export const"))).toEqual(["export const name = privateNetwork.networkName;"]);
  });

  test("an external_id known only after deployment is reported at its position", () => {
    const converted = convertTemplate({ templateFile: path.join(templates, "unsupported-adoption.yaml") });
    expect([converted.program, converted.problems.filter((p) => p.severity === "error").map((p) => formatDiagnostic(p).replace(/^.*unsupported-adoption\.yaml:/, ""))]).toEqual([
      undefined,
      [
        "10:5: error: resource existing: an external_id known only after deployment has no TypeScript form (Pulumi's import takes a string)",
        "13:5: error: resource adopted: an external_id known only after deployment has no TypeScript form (Pulumi's import takes a string)",
      ],
    ]);
  });
});

describe("attributes, metadata and external_id: the program ≡ HotStack under mocks", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });

  test.each([
    [attributes, 3],
    [networkName, 4],
    [unreadable, 2],
  ])("%s: same resources (with import ids), inputs, waits and outputs (HotStack's exact outputs: test/registry/attributeOutputs.test.ts)", async (template, count) => {
    const { resources, differences } = await compareWithHotStack(mock, template, {}, convertTemplate({ templateFile: template }).program!);
    expect([differences, resources.length]).toEqual([[], count]);
  });
});
