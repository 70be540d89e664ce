/**
 * Heat's hidden dependencies between networking resources (the `add_dependencies` methods of
 * heat/engine/resources/openstack/neutron/{port,router,floatingip}.py and nova/server.py). They
 * interlock — ports, servers and routers wait for subnets, floating IPs for routers and router
 * interfaces — so they live together; each registry entry points at its rule here.
 *
 * Without them a real cloud hands out a port with no address: Neutron allocates a port's IP when
 * the port is created, from the subnets that exist at that moment.
 */
import { isStaticallySet } from "../../import/graph";
import { DependencyContext, DependencyView, HiddenDependency } from "../types";

const SUBNET = "OS::Neutron::Subnet";
const ROUTER = "OS::Neutron::Router";
const ROUTER_INTERFACE = "OS::Neutron::RouterInterface";
const ROUTER_GATEWAY = "OS::Neutron::RouterGateway";
const PORT = "OS::Neutron::Port";

/** A port waits for every subnet of its network (Heat cannot know which subnet Neutron picks). */
export function portHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  return context
    .matching(SUBNET, ["network"], self.property("network"))
    .map((subnet) => ({ on: subnet.name, reason: "a port waits for the subnets of its network (Heat: Port)" }));
}

/**
 * A server with networks waits for the subnets of those networks; a subnet whose network is
 * unknown, or a server network given only by port, makes it wait for that subnet too.
 */
export function serverHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  const networks = self.property("networks");
  if (!isStaticallySet(networks) || networks.kind !== "literal" || !Array.isArray(networks.value)) return [];
  const count = networks.value.length;
  const reason = "a server waits for the subnets of its networks (Heat: Server)";
  // A network entry without a network (e.g. only a port) makes Heat wait for every subnet.
  const waitsFor: DependencyView[] = [];
  for (let i = 0; i < count; i++) {
    const network = self.property("networks", i, "network");
    if (!isStaticallySet(network)) return context.ofType(SUBNET).map((subnet) => ({ on: subnet.name, reason }));
    waitsFor.push(...context.matching(SUBNET, ["network"], network));
  }
  // Indexed lookups, not a scan of every subnet per server: large templates stay linear.
  waitsFor.push(...context.unset(SUBNET, ["network"]));
  return context.inTemplateOrder(waitsFor).map((subnet) => ({ on: subnet.name, reason }));
}

/** A router with an external gateway waits for the subnets of the gateway network. */
export function routerHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  if (!isStaticallySet(self.property("external_gateway_info"))) return [];
  return context
    .matching(SUBNET, ["network"], self.property("external_gateway_info", "network"))
    .map((subnet) => ({ on: subnet.name, reason: "a router waits for the subnets of its gateway network (Heat: Router)" }));
}

/** The deprecated RouterGateway waits for the interfaces of its router and the subnets of its network. */
export function routerGatewayHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  const interfaces = context.matching(ROUTER_INTERFACE, ["router"], self.property("router_id"));
  const subnets = context.matching(SUBNET, ["network"], self.property("network"));
  return context.inTemplateOrder([...interfaces, ...subnets]).map((view) => ({
    on: view.name,
    reason: view.type === SUBNET
      ? "a router gateway waits for the subnets of its network (Heat: RouterGateway)"
      : "a router gateway waits for the interfaces of its router (Heat: RouterGateway)",
  }));
}

/**
 * A floating IP waits for the router (or router gateway) whose gateway is its floating network,
 * and for the router interface of the subnet its port is on.
 */
export function floatingIpHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  const floatingNetwork = self.property("floating_network");
  const routers = context
    .matching(ROUTER, ["external_gateway_info", "network"], floatingNetwork)
    .filter((router) => isStaticallySet(router.property("external_gateway_info")));
  const found = [...context.matching(ROUTER_GATEWAY, ["network"], floatingNetwork), ...routerInterfacesOfPorts(self, context, false), ...routers];
  return context.inTemplateOrder(found).map((view) => ({ on: view.name, reason: floatingIpReasons[view.type] }));
}

const floatingIpReasons: Record<string, string> = {
  [ROUTER_GATEWAY]: "a floating IP waits for the gateway of its floating network (Heat: FloatingIP)",
  [ROUTER_INTERFACE]: "a floating IP waits for the router interface of its port's subnet (Heat: FloatingIP)",
  [ROUTER]: "a floating IP waits for the router whose gateway is its floating network (Heat: FloatingIP)",
};

/**
 * A floating IP association waits for the router interface of its port's subnet. Heat only sees
 * this when the port lists the subnet in fixed_ips; for a port that only names its network Heat
 * races (the association can fail with "External network not reachable from subnet"), so
 * heatshift adds the dependency there too.
 */
export function floatingIpAssociationHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  return context.inTemplateOrder(routerInterfacesOfPorts(self, context, true)).map((routerInterface) => ({
    on: routerInterface.name,
    reason: "a floating IP association waits for the router interface of its port's subnet (Heat: FloatingIPAssociation; heatshift also when the port names only its network)",
  }));
}

/**
 * The router interfaces in front of the ports `self` already depends on: those of a subnet in the
 * port's fixed_ips, else those of a subnet on the port's network. Indexed lookups per port, so
 * templates with many floating IPs stay linear.
 */
function routerInterfacesOfPorts(self: DependencyView, context: DependencyContext, association: boolean): DependencyView[] {
  const found: DependencyView[] = [];
  for (const name of context.dependenciesOf(self.name)) {
    const port = context.resource(name);
    if (port?.type !== PORT) continue;
    const fixedIps = port.property("fixed_ips");
    if (isStaticallySet(fixedIps) && fixedIps.kind === "literal" && Array.isArray(fixedIps.value)) {
      // Heat's association rule looks at the first fixed IP only; the floating IP rule at all.
      const count = association ? Math.min(1, fixedIps.value.length) : fixedIps.value.length;
      for (let i = 0; i < count; i++) found.push(...context.matching(ROUTER_INTERFACE, ["subnet"], port.property("fixed_ips", i, "subnet")));
      continue;
    }
    // No fixed IPs: an interface given by port (no subnet) may be the one (Heat: FloatingIP);
    // otherwise the port is behind the interfaces of the subnets on its network.
    if (!association) found.push(...context.unset(ROUTER_INTERFACE, ["subnet"]));
    const network = port.property("network");
    if (!isStaticallySet(network)) continue;
    for (const subnet of context.matching(SUBNET, ["network"], network)) {
      found.push(...context.matching(ROUTER_INTERFACE, ["subnet"], { kind: "resource", name: subnet.name }));
    }
  }
  return found;
}
