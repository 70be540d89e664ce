import * as fs from "fs";
import * as path from "path";
import * as openstack from "@pulumi/openstack";
import { parse } from "yaml";
import { MockCloud, Registration, valueOf } from "./mockCloud";
import { FlaskyServer } from "../../components/FlaskyServer";
import { FlaskySingleInstance } from "../../components/FlaskySingleInstance";
import * as randomString from "../../src/registry/heat/RandomString";
import * as floatingIp from "../../src/registry/neutron/FloatingIP";
import * as floatingIpAssociation from "../../src/registry/neutron/FloatingIPAssociation";
import * as net from "../../src/registry/neutron/Net";
import * as port from "../../src/registry/neutron/Port";
import * as router from "../../src/registry/neutron/Router";
import * as routerInterface from "../../src/registry/neutron/RouterInterface";
import * as securityGroup from "../../src/registry/neutron/SecurityGroup";
import * as subnet from "../../src/registry/neutron/Subnet";
import * as server from "../../src/registry/nova/Server";
import { waitConditionEntry } from "../../src/registry/heat/WaitCondition";
import { waitConditionHandleEntry } from "../../src/registry/heat/WaitConditionHandle";

/**
 * The components against Heat itself: test/fixtures/flasky/heat_2x-graph.json hold the resources
 * and dependencies (hidden ones included) that python3-heat computes for the tutorial templates
 * (heat-graph.py). Each Heat resource must become exactly the Pulumi resource its registry module
 * names, nothing else may appear, and every Heat dependency must be kept.
 */
type HeatGraph = Record<string, { type: string; dependsOn: string[] }>;
const fixtures = path.join(__dirname, "..", "fixtures", "flasky");
const heatGraph = (name: string): HeatGraph => JSON.parse(fs.readFileSync(path.join(fixtures, `${name}-graph.json`), "utf8"));

const registry = [randomString, floatingIp, floatingIpAssociation, net, port, router, routerInterface, securityGroup, subnet, server];
const waitEntries = [waitConditionEntry, waitConditionHandleEntry];
const pulumiTypeOf = (hotType: string) =>
  registry.find((module) => module.hotType === hotType)?.pulumiType ?? waitEntries.find((entry) => entry.type === hotType)?.pulumiTypes[0];

const key = (r: Registration) => `${r.type}::${r.name}`;

/**
 * Everything `start` waits for: its dependencies and its ancestors' (a child registers after its
 * parent), transitively; for a component, what its children wait for (the component is done when they are).
 */
function waitsFor(registrations: Registration[], start: string): Set<string> {
  const byKey = new Map(registrations.map((r) => [key(r), r]));
  const seen = new Set<string>();
  const visit = (k: string) => {
    const r = byKey.get(k);
    if (r === undefined) return;
    for (const next of [...r.dependencies, ...(r.parent === "" ? [] : [r.parent])]) {
      if (!seen.has(next)) {
        seen.add(next);
        visit(next);
      }
    }
  };
  const descendants = (k: string): string[] =>
    registrations.filter((r) => r.parent === k).flatMap((r) => [key(r), ...descendants(key(r))]);
  [start, ...descendants(start)].forEach(visit);
  return seen;
}

/** What `start` is told to wait for: its own dependencies and those of its ancestor components. */
function directWaits(registrations: Registration[], start: string): Set<string> {
  const byKey = new Map(registrations.map((r) => [key(r), r]));
  const waits = new Set<string>();
  for (let r = byKey.get(start); r !== undefined; r = byKey.get(r.parent)) r.dependencies.forEach((d) => waits.add(d));
  return waits;
}

/** Heat's transitive dependencies of a resource. */
function heatWaitsFor(graph: HeatGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => graph[name].dependsOn.forEach((d) => (seen.has(d) ? undefined : (seen.add(d), visit(d))));
  visit(start);
  return seen;
}

function compare(graph: HeatGraph, registrations: Registration[], heatToPulumi: Record<string, string>) {
  const custom = registrations.filter((r) => !r.type.startsWith("heatshift:"));
  const pulumiToHeat = new Map(Object.entries(heatToPulumi).map(([h, p]) => [p, h]));
  // Resource for resource: each Heat resource is the registry's Pulumi type.
  const types = Object.fromEntries(Object.keys(graph).map((h) => [h, heatToPulumi[h]?.split("::")[0]]));
  const expectedTypes = Object.fromEntries(Object.entries(graph).map(([h, r]) => [h, pulumiTypeOf(r.type)]));
  // Heat dependencies Pulumi does not wait for, and waits Pulumi is told that Heat does not imply.
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [h, r] of Object.entries(graph)) {
    const pulumiWaits = waitsFor(registrations, heatToPulumi[h]);
    for (const d of r.dependsOn) if (!pulumiWaits.has(heatToPulumi[d])) missing.push(`${h} → ${d}`);
    const heatWaits = heatWaitsFor(graph, h);
    for (const w of directWaits(registrations, heatToPulumi[h])) {
      const hw = pulumiToHeat.get(w);
      if (hw !== undefined && !heatWaits.has(hw)) extra.push(`${h} → ${hw}`);
    }
  }
  return {
    types,
    expectedTypes,
    unmapped: custom.map(key).filter((k) => !pulumiToHeat.has(k)).sort(),
    missing,
    extra: extra.sort(),
  };
}

/** Heat's resource names in heat_2c/2d → FlaskySingleInstance("flasky")'s resources. */
const heat2cNames = {
  flask_secret_key: "heatshift:heat:RandomString::flasky-server-secret-key",
  flasky_instance: "openstack:compute/instance:Instance::flasky-server",
  flasky_port: "openstack:networking/port:Port::flasky-port",
  floating_ip: "openstack:networking/floatingIp:FloatingIp::flasky-floating-ip-fip",
  floating_ip_assoc: "openstack:networking/floatingIpAssociate:FloatingIpAssociate::flasky-floating-ip-assoc",
  private_network: "openstack:networking/network:Network::flasky-network-net",
  private_subnet: "openstack:networking/subnet:Subnet::flasky-network-subnet",
  router: "openstack:networking/router:Router::flasky-network-router",
  "router-interface": "openstack:networking/routerInterface:RouterInterface::flasky-network-router-interface",
  web_server_security_group: "openstack:networking/secGroup:SecGroup::flasky-secgroup-secgroup",
};

describe("components against Heat's own graph", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => {
    mock.registrations.length = 0;
  });

  it("heat_2c: FlaskySingleInstance has Heat's resources and keeps all of Heat's dependencies", async () => {
    const flasky = new FlaskySingleInstance("flasky", {
      image: "trusty-server-cloudimg-amd64",
      flavor: "m1.small",
      keyName: "my_key",
      publicNetwork: "public-net",
      gmailUsername: "flasky.admin",
      gmailPassword: "p@ss",
    });
    await valueOf(flasky.instanceIp);
    await mock.settle();

    const result = compare(heatGraph("heat_2c"), mock.registrations, heat2cNames);
    expect(result.types).toEqual(result.expectedTypes);
    expect(result.unmapped).toEqual([
      // Heat creates a group's rules inside the group resource; Pulumi has one resource per rule.
      ...[0, 1, 2, 3].map((i) => `${securityGroup.rulePulumiType}::flasky-secgroup-rule-${i}`),
      // The RandomString component's own resource (the dynamic resource that draws the string).
      "pulumi-nodejs:dynamic/heatshift:RandomString::flasky-server-secret-key",
    ].sort());
    expect(result.missing).toEqual([]);
    // The one deliberate difference: the floating IP and its association wait for the router
    // interface (Heat: the floating IP waits for the router only, the association for nothing).
    expect(result.extra).toEqual(["floating_ip → router-interface", "floating_ip_assoc → router-interface"]);
  });
  it("heat_2d: FlaskySingleInstance with a wait condition has Heat's resources and keeps all of Heat's dependencies", async () => {
    const flasky = new FlaskySingleInstance("flasky", {
      image: "trusty-server-cloudimg-amd64",
      flavor: "m1.small",
      keyName: "my_key",
      publicNetwork: "public-net",
      gmailUsername: "flasky.admin",
      gmailPassword: "p@ss",
      waitCondition: { receiver: { url: "http://127.0.0.1:8000", adminToken: "admin-secret" } },
    });
    await valueOf(flasky.instanceIp);
    await mock.settle();

    const result = compare(heatGraph("heat_2d"), mock.registrations, {
      ...heat2cNames,
      wait_handle: "heatshift:openstack:WaitConditionHandle::flasky-wait-handle",
      wait_condition: "heatshift:openstack:WaitCondition::flasky-wait-condition",
    });
    expect(result.types).toEqual(result.expectedTypes);
    expect(result.unmapped).toEqual([
      ...[0, 1, 2, 3].map((i) => `${securityGroup.rulePulumiType}::flasky-secgroup-rule-${i}`),
      // The RandomString and wait components' own resources (the string; the signal receiver's handle and wait).
      "pulumi-nodejs:dynamic/heatshift:RandomString::flasky-server-secret-key",
      "pulumi-nodejs:dynamic/heatshift:SignalHandle::flasky-wait-handle-handle",
      "pulumi-nodejs:dynamic/heatshift:SignalWait::flasky-wait-condition-wait",
    ].sort());
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual(["floating_ip → router-interface", "floating_ip_assoc → router-interface"]);
  });

  it("heat_2b: FlaskyServer has Heat's resources and dependencies", async () => {
    const flasky = new FlaskyServer("flasky", {
      image: "trusty-server-cloudimg-amd64",
      flavor: "m1.small",
      keyName: "my_key",
      networks: [{ network: "private-net" }],
      gmailUsername: "flasky.admin",
      gmailPassword: "p@ss",
    });
    await valueOf(flasky.instanceName);
    await mock.settle();

    const result = compare(heatGraph("heat_2b"), mock.registrations, {
      flask_secret_key: "heatshift:heat:RandomString::flasky-secret-key",
      flasky_instance: "openstack:compute/instance:Instance::flasky",
    });
    expect(result).toEqual({
      types: result.expectedTypes,
      expectedTypes: result.expectedTypes,
      // The RandomString component's own resource (the dynamic resource that draws the string).
      unmapped: ["pulumi-nodejs:dynamic/heatshift:RandomString::flasky-secret-key"],
      missing: [],
      extra: [],
    });
  });

  it("heat_2a: the registry maps my_instance property for property", async () => {
    const template = parse(fs.readFileSync(path.join(fixtures, "heat_2a.yaml"), "utf8"), { version: "1.1" });
    const props = template.resources.my_instance.properties;
    const defaults = (name: string) => template.parameters[name].default as string;
    expect(Object.keys(heatGraph("heat_2a"))).toEqual(["my_instance"]);
    expect(props.user_data_format).toBe("RAW");

    const entries: server.ServerNetwork[] = [{ network: defaults("private_network") }];
    server.validateNetworks(entries, [], "my_instance");
    const instance = new openstack.compute.Instance("my_instance", {
      ...server.imageArgs(defaults("image")),
      ...server.flavorArgs(defaults("flavor")),
      keyPair: defaults("key"),
      networks: entries.map(server.instanceNetworkArgs),
      userData: server.userDataFor(props.user_data_format, props.user_data),
    });
    await valueOf(instance.id);
    await mock.settle();

    expect(mock.registrations).toEqual([
      {
        type: pulumiTypeOf(heatGraph("heat_2a").my_instance.type),
        name: "my_instance",
        parent: "",
        dependencies: [],
        inputs: {
          imageName: "cirros-0.3.3-x86_64",
          flavorName: "m1.small",
          keyPair: "my_key",
          networks: [{ name: "private-net" }],
          userData: '#!/bin/sh\necho "Hello, World!"\n',
        },
        additionalSecretOutputs: ["adminPass"],
      },
    ]);
  });
});
