/**
 * Heat's hidden dependencies between networking resources (the `add_dependencies` methods of
 * heat/engine/resources/openstack/neutron/{port,router,floatingip}.py and nova/server.py). They
 * interlock — ports, servers and routers wait for subnets, floating IPs for routers and router
 * interfaces — so they live together; each registry entry points at its rule here.
 *
 * Without them a real cloud hands out a port with no address: Neutron allocates a port's IP when
 * the port is created, from the subnets that exist at that moment.
 */
import { isStaticallySet, sameStaticValue } from "../../import/graph";
import { DependencyContext, DependencyView, HiddenDependency, StaticValue } from "../types";

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
  const found: HiddenDependency[] = [];
  for (const view of context.resources) {
    if (view.type === ROUTER_INTERFACE && sameStaticValue(view.property("router"), self.property("router_id"))) {
      found.push({ on: view.name, reason: "a router gateway waits for the interfaces of its router (Heat: RouterGateway)" });
    }
    if (view.type === SUBNET && sameStaticValue(view.property("network"), self.property("network"))) {
      found.push({ on: view.name, reason: "a router gateway waits for the subnets of its network (Heat: RouterGateway)" });
    }
  }
  return found;
}

/**
 * A floating IP waits for the router (or router gateway) whose gateway is its floating network,
 * and for the router interface of the subnet its port is on.
 */
export function floatingIpHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  const floatingNetwork = self.property("floating_network");
  const found: HiddenDependency[] = [];
  for (const view of context.resources) {
    if (view.type === ROUTER_GATEWAY) {
      if (sameStaticValue(view.property("network"), floatingNetwork)) {
        found.push({ on: view.name, reason: "a floating IP waits for the gateway of its floating network (Heat: FloatingIP)" });
      }
    } else if (view.type === ROUTER_INTERFACE) {
      if (dependsOnPortBehindInterface(self, view, context, false)) {
        found.push({ on: view.name, reason: "a floating IP waits for the router interface of its port's subnet (Heat: FloatingIP)" });
      }
    } else if (view.type === ROUTER) {
      if (
        isStaticallySet(view.property("external_gateway_info")) &&
        sameStaticValue(view.property("external_gateway_info", "network"), floatingNetwork)
      ) {
        found.push({ on: view.name, reason: "a floating IP waits for the router whose gateway is its floating network (Heat: FloatingIP)" });
      }
    }
  }
  return found;
}

/**
 * A floating IP association waits for the router interface of its port's subnet. Heat only sees
 * this when the port lists the subnet in fixed_ips; for a port that only names its network Heat
 * races (the association can fail with "External network not reachable from subnet"), so
 * heatshift adds the dependency there too.
 */
export function floatingIpAssociationHiddenDependencies(self: DependencyView, context: DependencyContext): HiddenDependency[] {
  return context
    .ofType(ROUTER_INTERFACE)
    .filter((routerInterface) => dependsOnPortBehindInterface(self, routerInterface, context, true))
    .map((routerInterface) => ({
      on: routerInterface.name,
      reason: "a floating IP association waits for the router interface of its port's subnet (Heat: FloatingIPAssociation; heatshift also when the port names only its network)",
    }));
}

/** Whether one of the resources `self` already depends on is a port on the interface's subnet. */
function dependsOnPortBehindInterface(
  self: DependencyView,
  routerInterface: DependencyView,
  context: DependencyContext,
  association: boolean,
): boolean {
  const interfaceSubnet = routerInterface.property("subnet");
  for (const name of context.dependenciesOf(self.name)) {
    const port = context.resource(name);
    if (port?.type !== PORT) continue;
    const fixedIps = port.property("fixed_ips");
    if (isStaticallySet(fixedIps) && fixedIps.kind === "literal" && Array.isArray(fixedIps.value)) {
      // Heat's association rule looks at the first fixed IP only; the floating IP rule at all.
      const count = association ? Math.min(1, fixedIps.value.length) : fixedIps.value.length;
      for (let i = 0; i < count; i++) {
        if (sameStaticValue(port.property("fixed_ips", i, "subnet"), interfaceSubnet)) return true;
      }
      continue;
    }
    // No fixed IPs: an interface given by port (no subnet) may be the one (Heat: FloatingIP);
    // otherwise the port is behind the interface when the interface's subnet is on the port's network.
    if (!isStaticallySet(interfaceSubnet)) {
      if (!association) return true;
      continue;
    }
    if (subnetIsOnNetwork(interfaceSubnet, port.property("network"), context)) return true;
  }
  return false;
}

/** The subnet is a resource of this template whose network is the given one. */
function subnetIsOnNetwork(subnet: StaticValue, network: StaticValue, context: DependencyContext): boolean {
  if (subnet.kind !== "resource" || !isStaticallySet(network)) return false;
  const view = context.resource(subnet.name);
  return view?.type === SUBNET && sameStaticValue(view.property("network"), network);
}
