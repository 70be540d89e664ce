/**
 * Groups of HOT resources that a heatshift component builds exactly as the importer would: the
 * network quartet (Net, Subnet, Router, RouterInterface) → PrivateNetwork, a SecurityGroup with
 * literal rules → WebSecurityGroup, a FloatingIP with its one FloatingIPAssociation → FloatingIp,
 * the tutorial's Flasky server (its user_data is the Flasky script) → FlaskyServer. A group matches
 * only when every property has a component argument, so nothing is lost by using the component.
 */
import { flaskyUserDataTemplate, waitConditionNotifyLine } from "../../components/FlaskyServer";
import { FunctionNode, Snippet } from "../hot/functions/types";
import { LoadedResource, LoadedStack } from "../import/load";
import { heatRuleFields } from "../registry/neutron/SecurityGroup";
import { hasConditional } from "./conditions";
import { arrayCode } from "./expressions";
import { IdentifierScope } from "./identifiers";
import { ArgumentWriter, COMPONENTS_MODULE, construct, fieldBinding, referencedResource, serverNetworks } from "./resources";
import { EmitContext, Properties, Unit, UnitBinding, UnitCode } from "./units";

/** A resource that a component may absorb: no condition or `if`, no adoption, default deletion policy. */
function plain(r: LoadedResource): boolean {
  return r.definition.condition === undefined && !hasConditional(r.properties) && r.externalId === undefined && r.deletionPolicy === "Delete" && r.metadata === undefined && r.updatePolicy === undefined;
}

function only(props: Properties, allowed: readonly string[]): boolean {
  return props.names().every((n) => allowed.includes(n));
}

function isLiteral(snippet: Snippet | undefined): boolean {
  if (snippet instanceof FunctionNode) return false;
  if (Array.isArray(snippet)) return snippet.every(isLiteral);
  if (snippet !== null && typeof snippet === "object") return Object.values(snippet).every(isLiteral);
  return true;
}

function group(members: LoadedResource[], kind: string, variable: string, bindings: [string, UnitBinding][], emit: (ctx: EmitContext) => UnitCode): Unit {
  return { members, kind, variable, bindings: new Map(bindings), emit };
}

type Matcher = (stack: LoadedStack, free: (r: LoadedResource) => boolean, ids: IdentifierScope) => Unit[];

/** Net + Subnet (on it) + RouterInterface (of the subnet) + Router (with only a gateway) → PrivateNetwork. */
const privateNetwork: Matcher = (stack, free, ids) => {
  const units: Unit[] = [];
  const ofType = (type: string) => stack.resources.filter((r) => r.type === type && free(r) && plain(r));
  for (const net of ofType("OS::Neutron::Net")) {
    if (new Properties(net).names().length > 0) continue;
    const subnets = ofType("OS::Neutron::Subnet").filter((s) => referencedResource(new Properties(s).get("network")) === net.name);
    if (subnets.length !== 1) continue;
    const subnet = subnets[0];
    const subnetProps = new Properties(subnet);
    if (!only(subnetProps, ["network", "cidr", "dns_nameservers"]) || subnetProps.get("cidr") === undefined) continue;
    const interfaces = ofType("OS::Neutron::RouterInterface").filter((i) => referencedResource(new Properties(i).get("subnet")) === subnet.name);
    if (interfaces.length !== 1 || !only(new Properties(interfaces[0]), ["router", "subnet"])) continue;
    const routerInterface = interfaces[0];
    const routerName = referencedResource(new Properties(routerInterface).get("router"));
    const router = ofType("OS::Neutron::Router").find((r) => r.name === routerName);
    if (router === undefined) continue;
    const routerProps = new Properties(router);
    const gateway = routerProps.get("external_gateway_info");
    if (!only(routerProps, ["external_gateway_info"]) || gateway === null || typeof gateway !== "object" || Array.isArray(gateway) || gateway instanceof FunctionNode) continue;
    if (Object.keys(gateway).join() !== "network") continue;
    const v = ids.allocate(net.name);
    units.push(
      group([net, subnet, router, routerInterface].sort((a, b) => stack.resources.indexOf(a) - stack.resources.indexOf(b)), "component PrivateNetwork", v, [
        [net.name, fieldBinding(v, v, "networkId", { name: "networkName" }, net.name, net.type)],
        [subnet.name, fieldBinding(v, `${v}.subnet`, "subnetId", {}, subnet.name, subnet.type)],
        [router.name, fieldBinding(v, v, "routerId", {}, router.name, router.type)],
        [routerInterface.name, fieldBinding(v, `${v}.routerInterface`, undefined, {}, routerInterface.name, routerInterface.type)],
      ], (ctx) => {
        ctx.importName(COMPONENTS_MODULE, "PrivateNetwork");
        const w = new ArgumentWriter(ctx, routerProps);
        w.add("publicNetwork", w.snippet(gateway.network, routerProps.path("external_gateway_info", "network")).code);
        const s = new ArgumentWriter(ctx, subnetProps);
        s.map("cidr", "cidr");
        // Heat's default is no name servers; the component's is the tutorial's 8.8.8.8.
        s.add("dnsNameservers", s.expr("dns_nameservers")?.code ?? "[]");
        s.refs.forEach((r) => w.refs.add(r));
        w.entries.push(...s.entries);
        return { refs: w.refs, render: construct(v, "PrivateNetwork", net.name, w, w.notes) };
      }),
    );
  }
  return units;
};

/** Rule keys a literal WebSecurityGroup rule may use: a remote group is a reference, left to plain resources. */
const componentRuleKeys = new Set(Object.keys(heatRuleFields).filter((key) => key !== "remote_group_id"));

/** A named SecurityGroup with literal rules → WebSecurityGroup. */
const webSecurityGroup: Matcher = (stack, free, ids) => {
  const units: Unit[] = [];
  for (const sg of stack.resources.filter((r) => r.type === "OS::Neutron::SecurityGroup" && free(r) && plain(r))) {
    const props = new Properties(sg);
    const rules = props.get("rules");
    if (!only(props, ["name", "description", "rules"]) || props.get("name") === undefined) continue;
    if (rules !== undefined && (!Array.isArray(rules) || !isLiteral(rules))) continue;
    const ruleList = (rules ?? []) as Record<string, Snippet>[];
    if (!ruleList.every((rule) => rule !== null && typeof rule === "object" && Object.keys(rule).every((k) => componentRuleKeys.has(k)))) continue;
    const v = ids.allocate(sg.name);
    units.push(
      group([sg], "component WebSecurityGroup", v, [[sg.name, fieldBinding(v, v, "securityGroupId", { name: "securityGroupName" }, sg.name, sg.type, true)]], (ctx) => {
        ctx.importName(COMPONENTS_MODULE, "WebSecurityGroup");
        const w = new ArgumentWriter(ctx, props);
        w.map("name", "groupName");
        w.map("description", "description");
        const items = ruleList.map((rule) =>
          `{ ${Object.entries(rule).filter(([, value]) => value !== null).map(([k, value]) => `${heatRuleFields[k as keyof typeof heatRuleFields]}: ${JSON.stringify(value)}`).join(", ")} }`.replace("{  }", "{}"),
        );
        // Heat's default is no rules; the component's is the tutorial's four.
        w.add("rules", arrayCode(items, "  "));
        return { refs: w.refs, render: construct(v, "WebSecurityGroup", sg.name, w, w.notes) };
      }),
    );
  }
  return units;
};

/** FloatingIP (only its network) + the one FloatingIPAssociation of it (only the port) → FloatingIp. */
const floatingIp: Matcher = (stack, free, ids) => {
  const units: Unit[] = [];
  for (const fip of stack.resources.filter((r) => r.type === "OS::Neutron::FloatingIP" && free(r) && plain(r))) {
    const props = new Properties(fip);
    if (!only(props, ["floating_network"]) || props.get("floating_network") === undefined) continue;
    const assocs = stack.resources.filter((a) => a.type === "OS::Neutron::FloatingIPAssociation" && free(a) && plain(a) && referencedResource(new Properties(a).get("floatingip_id")) === fip.name);
    if (assocs.length !== 1) continue;
    const assoc = assocs[0];
    const assocProps = new Properties(assoc);
    if (!only(assocProps, ["floatingip_id", "port_id"]) || assocProps.get("port_id") === undefined) continue;
    const v = ids.allocate(fip.name);
    units.push(
      group([fip, assoc], "component FloatingIp", v, [
        [fip.name, fieldBinding(v, v, "floatingIpId", { floating_ip_address: "address" }, fip.name, fip.type)],
        [assoc.name, fieldBinding(v, v, undefined, {}, assoc.name, assoc.type)],
      ], (ctx) => {
        ctx.importName(COMPONENTS_MODULE, "FloatingIp");
        const w = new ArgumentWriter(ctx, props);
        w.map("floating_network", "publicNetwork");
        const a = new ArgumentWriter(ctx, assocProps);
        a.map("port_id", "portId");
        a.refs.forEach((r) => w.refs.add(r));
        w.refs.add(fip.name);
        w.entries.push(...a.entries);
        return { refs: w.refs, render: construct(v, "FloatingIp", fip.name, w, w.notes) };
      }),
    );
  }
  return units;
};

const FLASKY_PARAMS: Readonly<Record<string, string>> = {
  __gmail_username__: "gmailUsername",
  __gmail_password__: "gmailPassword",
  __flask_secret_key__: "flaskSecretKey",
  wc_notify: "waitConditionCurlCli",
};

/** A Server whose RAW user_data is the tutorial's Flasky script (str_replace of its placeholders) → FlaskyServer. */
const flaskyServer: Matcher = (stack, free, ids) => {
  const units: Unit[] = [];
  for (const server of stack.resources.filter((r) => r.type === "OS::Nova::Server" && free(r) && plain(r))) {
    const props = new Properties(server);
    if (!only(props, ["name", "image", "flavor", "key_name", "networks", "security_groups", "user_data", "user_data_format"])) continue;
    if (props.get("user_data_format") !== "RAW" || props.get("image") === undefined || props.get("flavor") === undefined) continue;
    const userData = props.get("user_data");
    if (!(userData instanceof FunctionNode) || !userData.fnName.startsWith("str_replace")) continue;
    const { template, params } = userData.args as { template: Snippet; params: Snippet };
    if (params === null || typeof params !== "object" || Array.isArray(params) || params instanceof FunctionNode) continue;
    const keys = Object.keys(params).sort();
    const signals = keys.includes("wc_notify");
    if (template !== flaskyUserDataTemplate + (signals ? waitConditionNotifyLine : "")) continue;
    const expected = ["__flask_secret_key__", "__gmail_password__", "__gmail_username__", ...(signals ? ["wc_notify"] : [])];
    if (keys.join() !== expected.join()) continue;
    const v = ids.allocate(server.name);
    const binding: UnitBinding = fieldBinding(v, v, "instanceId", { name: "instanceName", first_address: "firstAddress" }, server.name, server.type);
    units.push(
      group([server], "component FlaskyServer", v, [[server.name, binding]], (ctx) => {
        ctx.importName(COMPONENTS_MODULE, "FlaskyServer");
        const w = new ArgumentWriter(ctx, props);
        w.map("name", "serverName");
        w.map("image", "image");
        w.map("flavor", "flavor");
        w.map("key_name", "keyName");
        const networks = serverNetworks(w);
        if (networks !== undefined) w.add("networks", arrayCode(networks, "  "));
        w.map("security_groups", "securityGroups");
        for (const key of Object.keys(FLASKY_PARAMS)) {
          if (key in params) w.add(FLASKY_PARAMS[key], w.snippet(params[key], [...userData.location.path, "params", key]).code);
        }
        return { refs: w.refs, render: construct(v, "FlaskyServer", server.name, w, w.notes) };
      }),
    );
  }
  return units;
};

const MATCHERS: readonly Matcher[] = [privateNetwork, webSecurityGroup, floatingIp, flaskyServer];

/** The component units of a template; each resource belongs to at most one. */
export function componentUnits(stack: LoadedStack, ids: IdentifierScope): Unit[] {
  const claimed = new Set<string>();
  const units: Unit[] = [];
  for (const matcher of MATCHERS) {
    for (const unit of matcher(stack, (r) => !claimed.has(r.name), ids)) {
      unit.members.forEach((m) => claimed.add(m.name));
      units.push(unit);
    }
  }
  return units;
}
