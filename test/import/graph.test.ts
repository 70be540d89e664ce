import { buildDependencyGraph, createDependencyView, GraphResource, Reference } from "../../src/import/graph";
import {
  floatingIpAssociationHiddenDependencies,
  floatingIpHiddenDependencies,
  portHiddenDependencies,
  routerGatewayHiddenDependencies,
  routerHiddenDependencies,
  serverHiddenDependencies,
} from "../../src/registry/neutron/hiddenDependencies";
import { DependencyContext, DependencyView, HiddenDependency, StaticValue } from "../../src/registry/types";

/** Test templates write `{ref: name}` for get_resource and `{attr: name}` for get_attr. */
function evaluate(node: unknown): StaticValue | undefined {
  if (node !== null && typeof node === "object" && !Array.isArray(node)) {
    const map = node as Record<string, unknown>;
    if (typeof map.ref === "string") return { kind: "resource", name: map.ref };
    if (typeof map.attr === "string") return { kind: "unknown" };
  }
  return undefined;
}

function references(node: unknown, path: (string | number)[], into: Reference[]): Reference[] {
  const ev = evaluate(node);
  if (ev?.kind === "resource") into.push({ name: ev.name, path });
  else if (node !== null && typeof node === "object" && typeof (node as { attr?: unknown }).attr === "string") {
    into.push({ name: (node as { attr: string }).attr, path });
  } else if (Array.isArray(node)) node.forEach((n, i) => references(n, [...path, i], into));
  else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) references(v, [...path, k], into);
  }
  return into;
}

const rules: Record<string, (self: DependencyView, context: DependencyContext) => HiddenDependency[]> = {
  "OS::Neutron::Port": portHiddenDependencies,
  "OS::Nova::Server": serverHiddenDependencies,
  "OS::Neutron::Router": routerHiddenDependencies,
  "OS::Neutron::RouterGateway": routerGatewayHiddenDependencies,
  "OS::Neutron::FloatingIP": floatingIpHiddenDependencies,
  "OS::Neutron::FloatingIPAssociation": floatingIpAssociationHiddenDependencies,
};

interface Def {
  type: string;
  properties?: Record<string, unknown>;
  depends_on?: string[];
}

function graph(resources: Record<string, Def>, removed: string[] = []) {
  const list: GraphResource[] = Object.entries(resources).map(([name, def]) => ({
    view: createDependencyView(name, def.type, def.properties ?? {}, evaluate),
    file: "t.yaml",
    path: ["resources", name],
    dependsOn: (def.depends_on ?? []).map((d, i) => ({ name: d, path: ["resources", name, "depends_on", i] })),
    references: references(def.properties ?? {}, ["resources", name, "properties"], []),
    hiddenDependencies: rules[def.type],
  }));
  return buildDependencyGraph(list, new Set(removed));
}

/** The tutorial's heat_2d resources, as they matter for ordering. */
const heat2d: Record<string, Def> = {
  wait_condition: { type: "OS::Heat::WaitCondition", properties: { handle: { ref: "wait_handle" } } },
  wait_handle: { type: "OS::Heat::WaitConditionHandle" },
  flask_secret_key: { type: "OS::Heat::RandomString" },
  web_server_security_group: { type: "OS::Neutron::SecurityGroup" },
  private_network: { type: "OS::Neutron::Net" },
  private_subnet: { type: "OS::Neutron::Subnet", properties: { network: { ref: "private_network" }, cidr: "10.10.10.0/24" } },
  router: { type: "OS::Neutron::Router", properties: { external_gateway_info: { network: "public" } } },
  "router-interface": { type: "OS::Neutron::RouterInterface", properties: { router: { ref: "router" }, subnet: { ref: "private_subnet" } } },
  flasky_port: {
    type: "OS::Neutron::Port",
    properties: { network: { ref: "private_network" }, security_groups: [{ ref: "web_server_security_group" }] },
  },
  flasky_instance: {
    type: "OS::Nova::Server",
    properties: { networks: [{ port: { ref: "flasky_port" } }], user_data: [{ attr: "flask_secret_key" }, { attr: "wait_handle" }] },
  },
  floating_ip: { type: "OS::Neutron::FloatingIP", properties: { floating_network: "public" } },
  floating_ip_assoc: {
    type: "OS::Neutron::FloatingIPAssociation",
    properties: { floatingip_id: { ref: "floating_ip" }, port_id: { ref: "flasky_port" } },
  },
};

describe("dependency graph", () => {
  test("heat_2d: explicit, reference and hidden dependencies, and a dependency order", () => {
    const g = graph(heat2d);
    expect(g.errors).toEqual([]);
    expect(Object.fromEntries(Object.keys(heat2d).map((n) => [n, g.dependenciesOf(n)]))).toEqual({
      wait_condition: ["wait_handle"],
      wait_handle: [],
      flask_secret_key: [],
      web_server_security_group: [],
      private_network: [],
      private_subnet: ["private_network"],
      router: [],
      "router-interface": ["private_subnet", "router"],
      flasky_port: ["private_network", "private_subnet", "web_server_security_group"],
      flasky_instance: ["flask_secret_key", "flasky_port", "private_subnet", "wait_handle"],
      floating_ip: ["router"],
      floating_ip_assoc: ["flasky_port", "floating_ip", "router-interface"],
    });
    expect(g.order).toEqual([
      "wait_handle",
      "wait_condition",
      "flask_secret_key",
      "web_server_security_group",
      "private_network",
      "private_subnet",
      "router",
      "router-interface",
      "flasky_port",
      "flasky_instance",
      "floating_ip",
      "floating_ip_assoc",
    ]);
    expect(g.edges.filter((e) => e.kind === "hidden").map((e) => `${e.from} -> ${e.to}`)).toEqual([
      "flasky_port -> private_subnet",
      "flasky_instance -> private_subnet",
      "floating_ip -> router",
      "floating_ip_assoc -> router-interface",
    ]);
  });

  test("a port with fixed_ips on the interface's subnet: Heat's own association rule", () => {
    const g = graph({
      net: { type: "OS::Neutron::Net" },
      sub: { type: "OS::Neutron::Subnet", properties: { network: { ref: "net" } } },
      ri: { type: "OS::Neutron::RouterInterface", properties: { router: "r1", subnet: { ref: "sub" } } },
      port: { type: "OS::Neutron::Port", properties: { network: { ref: "net" }, fixed_ips: [{ subnet: { ref: "sub" } }] } },
      fip: { type: "OS::Neutron::FloatingIP", properties: { floating_network: "ext", port_id: { ref: "port" } } },
    });
    expect(g.dependenciesOf("fip")).toEqual(["port", "ri"]);
    expect(g.dependenciesOf("port")).toEqual(["net", "sub"]);
  });

  test("floating IPs and router gateways: gateways, routers, interfaces and subnets in template order; an interface given by port only for the floating IP rule", () => {
    const g = graph({
      net: { type: "OS::Neutron::Net" },
      sub: { type: "OS::Neutron::Subnet", properties: { network: { ref: "net" } } },
      other_sub: { type: "OS::Neutron::Subnet", properties: { network: "elsewhere" } },
      by_port: { type: "OS::Neutron::RouterInterface", properties: { router: "r1", port: "p0" } },
      gw: { type: "OS::Neutron::RouterGateway", properties: { router_id: "r1", network: { ref: "net" } } },
      ri: { type: "OS::Neutron::RouterInterface", properties: { router: "r1", subnet: { ref: "sub" } } },
      ri_other: { type: "OS::Neutron::RouterInterface", properties: { router: "r1", subnet: { ref: "other_sub" } } },
      router: { type: "OS::Neutron::Router", properties: { external_gateway_info: { network: "ext" } } },
      router_elsewhere: { type: "OS::Neutron::Router", properties: { external_gateway_info: { network: "int" } } },
      port: { type: "OS::Neutron::Port", properties: { network: { ref: "net" } } },
      fip: { type: "OS::Neutron::FloatingIP", properties: { floating_network: "ext", port_id: { ref: "port" } } },
      fip2: { type: "OS::Neutron::FloatingIP", properties: { floating_network: { ref: "net" } } },
      assoc: { type: "OS::Neutron::FloatingIPAssociation", properties: { floatingip_id: { ref: "fip2" }, port_id: { ref: "port" } } },
    });
    const hidden = (from: string) => g.edges.filter((e) => e.from === from && e.kind === "hidden").map((e) => e.to);
    expect(hidden("fip")).toEqual(["by_port", "ri", "router"]);
    expect(hidden("fip2")).toEqual(["gw"]);
    expect(hidden("gw")).toEqual(["sub", "by_port", "ri", "ri_other"]);
    expect(hidden("assoc")).toEqual(["ri"]);
  });

  test("a server whose subnet's network is unknown waits for it; one on another network does not", () => {
    const g = graph({
      a: { type: "OS::Neutron::Subnet", properties: { network: { attr: "x" } } },
      b: { type: "OS::Neutron::Subnet", properties: { network: "other" } },
      x: { type: "OS::Neutron::Net" },
      s: { type: "OS::Nova::Server", properties: { networks: [{ network: "mine" }] } },
    });
    expect(g.dependenciesOf("s")).toEqual(["a"]);
  });

  test("a server's hidden edges: the subnets of each of its networks and those without a network, once each, in template order", () => {
    const g = graph({
      s2: { type: "OS::Neutron::Subnet", properties: { network: "two" } },
      none: { type: "OS::Neutron::Subnet", properties: { network: "" } },
      s1: { type: "OS::Neutron::Subnet", properties: { network: "one" } },
      other: { type: "OS::Neutron::Subnet", properties: { network: "three" } },
      s1b: { type: "OS::Neutron::Subnet", properties: { network: "one" } },
      s: { type: "OS::Nova::Server", properties: { networks: [{ network: "one" }, { network: "two" }, { network: "one" }] } },
    });
    expect(g.edges.filter((e) => e.from === "s").map((e) => [e.to, e.kind])).toEqual([
      ["s2", "hidden"],
      ["none", "hidden"],
      ["s1", "hidden"],
      ["s1b", "hidden"],
    ]);
  });

  test("unknown references are reported at each reference, with a suggestion", () => {
    const g = graph({
      port: { type: "OS::Neutron::Port", properties: { network: { ref: "privte_net" } }, depends_on: ["nowhere"] },
      private_net: { type: "OS::Neutron::Net" },
    });
    expect(g.errors.map((e) => [e.message, e.path])).toEqual([
      [
        'resource "nowhere" not found: "port" refers to it in depends_on, but the template defines no resource of that name',
        ["resources", "port", "depends_on", 0],
      ],
      [
        'resource "privte_net" not found: "port" refers to it in get_resource/get_attr, but the template defines no resource of that name; did you mean "private_net"?',
        ["resources", "port", "properties", "network"],
      ],
    ]);
  });

  test("a reference to a resource removed by its condition is dropped, not an error", () => {
    const g = graph({ a: { type: "OS::Heat::None", depends_on: ["gone"] } }, ["gone"]);
    expect([g.errors, g.order]).toEqual([[], ["a"]]);
  });

  test("a cycle is reported once, with the full cycle, at the first edge", () => {
    const g = graph({
      a: { type: "T", depends_on: ["b"] },
      b: { type: "T", properties: { x: { attr: "c" } } },
      c: { type: "T", depends_on: ["a"] },
      d: { type: "T", depends_on: ["a"] },
      e: { type: "T" },
    });
    expect(g.errors.map((e) => [e.message, e.path])).toEqual([
      ["circular dependency (a → b → c → a)", ["resources", "a", "depends_on", 0]],
    ]);
    expect(g.order).toEqual(["e"]);
  });

  test("a self-dependency is a cycle", () => {
    const g = graph({ a: { type: "T", depends_on: ["a"] } });
    expect(g.errors.map((e) => e.message)).toEqual(["circular dependency (a → a)"]);
  });

  test("a cycle through a hidden dependency names it", () => {
    const g = graph({
      sub: { type: "OS::Neutron::Subnet", properties: { network: "n" }, depends_on: ["port"] },
      port: { type: "OS::Neutron::Port", properties: { network: "n" } },
    });
    expect(g.errors.map((e) => e.message)).toEqual([
      "circular dependency (sub → port → sub) (hidden dependencies: port → sub: a port waits for the subnets of its network (Heat: Port))",
    ]);
  });

  test("an adopted resource (external_id) has no dependencies, and depends_on on it is an error", () => {
    const list: GraphResource[] = [
      {
        view: createDependencyView("a", "T", {}, evaluate),
        file: "t.yaml",
        path: ["resources", "a"],
        dependsOn: [{ name: "b", path: ["resources", "a", "depends_on"] }],
        references: [],
        external: true,
      },
      { view: createDependencyView("b", "T", {}, evaluate), file: "t.yaml", path: ["resources", "b"], dependsOn: [], references: [] },
    ];
    const g = buildDependencyGraph(list);
    expect(g.errors.map((e) => e.path)).toEqual([["resources", "a", "depends_on"]]);
    expect(g.dependenciesOf("a")).toEqual([]);
  });

  test("10,000 resources written in reverse dependency order come out in dependency order", () => {
    const resources: Record<string, Def> = {};
    for (let i = 9999; i >= 0; i--) resources[`r${i}`] = { type: "T", depends_on: i > 0 ? [`r${i - 1}`] : [] };
    const g = graph(resources);
    expect(g.errors).toEqual([]);
    expect(g.order).toEqual(Array.from({ length: 10000 }, (_, i) => `r${i}`));
  });
});
