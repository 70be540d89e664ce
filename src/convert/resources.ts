/**
 * HOT resources written as one statement each: plain `@pulumi/openstack` resources (Neutron
 * networks, ports, routers, security groups and floating IPs, Nova servers and key pairs, Cinder
 * volumes and attachments)
 * and the heatshift components that stand for exactly one HOT resource (RandomString,
 * WaitConditionHandle, WaitCondition). Arguments are those the registry's factories pass for the
 * same properties (src/registry/<service>/<Type>.ts), using the registry's exported helpers where a
 * factory decides at run time (name or ID). A property without a TypeScript form is reported.
 */
import { GetResourceNode } from "../hot/functions/get_resource";
import { FunctionNode } from "../hot/functions/types";
import { AttributeOutputs } from "../registry/attributeOutputs";
import { registry } from "../registry";
import { attributeOutputs as volumeAttributes } from "../registry/cinder/Volume";
import { isUuidLike } from "../registry/nameOrId";
import { attributeOutputs as networkAttributes } from "../registry/neutron/Net";
import { heatRuleFields } from "../registry/neutron/SecurityGroup";
import { attributeOutputs as serverAttributes } from "../registry/nova/Server";
import type { Snippet } from "../hot/functions/types";
import { LoadedResource } from "../import/load";
import { arrayCode, escapeTemplateText, Expr, objectCode, PROGRAM_MODULE, snippetExpr } from "./expressions";
import { IdentifierScope } from "./identifiers";
import { EmitContext, optionsArgument, Properties, Unit, UnitBinding, UnitCode } from "./units";

/** The module generated programs import heatshift's components from. */
export const COMPONENTS_MODULE = "heatshift/components";

/** The name of the resource a snippet is a plain `get_resource` of. */
export function referencedResource(snippet: Snippet | undefined): string | undefined {
  return snippet instanceof GetResourceNode && typeof snippet.args === "string" ? snippet.args : undefined;
}

/**
 * Heat's `get_attr` path into an attribute's value: Heat's null where a key or index is missing
 * (get_attr.ts `selectFromAttribute`), so `?.` and `?? null`.
 */
export function attributePath(path: readonly (string | number)[]): string {
  return `.apply((v: any) => v${path.map((p) => `?.[${JSON.stringify(p)}]`).join("")} ?? null)`;
}

/**
 * A binding whose reference and attributes are fields of the variable. An attribute the registry
 * does not map is Heat's null, as after import (the loader warns about it).
 */
export function fieldBinding(
  variable: string,
  object: string,
  reference: string | undefined,
  attributes: Readonly<Record<string, string>>,
  name: string,
  type: string,
  /** The reference is the ID of only one of the resources the HOT resource stands for (a group and its rules): dependents still wait for all. */
  partialReference = false,
): UnitBinding {
  const refs = new Set([name]);
  return {
    object,
    reference: () =>
      reference === undefined
        ? `get_resource of ${type} has no TypeScript form in heatshift convert`
        : { code: `${variable}.${reference}`, output: true, refs: partialReference ? new Set<string>() : refs },
    attribute: (attribute, path) => {
      const field = Object.prototype.hasOwnProperty.call(attributes, attribute) ? attributes[attribute] : undefined;
      const unmapped = registry.get(type)?.attributes[attribute]?.unmapped;
      if (field === undefined && unmapped) return { code: `null /* ${attribute}: ${unmapped} */`, output: false, refs: new Set<string>(), unreadableAttribute: true };
      if (field === undefined) return `attribute ${attribute} of ${type} has no TypeScript form in heatshift convert`;
      return { code: `${variable}.${field}${path.length === 0 ? "" : attributePath(path)}`, output: true, refs };
    },
  };
}

/**
 * A binding whose attributes are read as the registry's factory reads them (its `attributeOutputs`):
 * an output, or an output passed to a function of the registry module, which the program imports
 * from heatshift/program.
 */
function registryBinding(r: LoadedResource, variable: string, reference: string | undefined, outputs: AttributeOutputs, importName: ImportName): UnitBinding {
  const fields = Object.fromEntries(Object.entries(outputs).map(([attribute, spec]) => [attribute, spec.apply === undefined ? spec.output : `${spec.output}.apply(${spec.apply.name})`]));
  const binding = fieldBinding(variable, variable, reference, fields, r.name, r.definition.type);
  return {
    ...binding,
    attribute: (attribute, path) => {
      const apply = Object.prototype.hasOwnProperty.call(outputs, attribute) ? outputs[attribute].apply : undefined;
      // A global such as String needs no import.
      if (apply !== undefined && (globalThis as Record<string, unknown>)[apply.name] !== apply) importName(PROGRAM_MODULE, apply.name);
      return binding.attribute(attribute, path);
    },
  };
}

/** Writes a statement `const v = new Class("name", args, options);` with the notes (TODOs) before it. */
export function construct(variable: string, className: string, name: string, args: ArgumentWriter | undefined, notes: readonly string[]): (options: string | undefined) => string {
  return (options) => {
    // One line when the whole statement fits in 100 columns.
    const prefix = `const ${variable} = new ${className}(${JSON.stringify(name)}, `.length + (options === undefined ? 2 : options.length + 4);
    const written = args?.args(prefix);
    const argsCode = written === undefined ? (options === undefined ? "" : ", {}") : `, ${written}`;
    return [...notes, `const ${variable} = new ${className}(${JSON.stringify(name)}${argsCode}${optionsArgument(options)});`].join("\n");
  };
}

/** Collects the arguments of one statement: entries, referenced resources, TODO notes. */
export class ArgumentWriter {
  readonly entries: [string, string][] = [];
  readonly refs = new Set<string>();
  readonly notes: string[] = [];

  constructor(
    readonly ctx: EmitContext,
    readonly props: Properties,
  ) {}

  /** The property as an expression, its references recorded. */
  expr(name: string, indent = "  "): Expr | undefined {
    const e = this.props.expr(this.ctx, name, indent);
    e?.refs.forEach((r) => this.refs.add(r));
    return e;
  }

  /** Any snippet as an expression, its references recorded. */
  snippet(snippet: Snippet, path: readonly (string | number)[], indent = "  "): Expr {
    const e = snippetExpr(snippet, this.ctx.scope, this.props.resource.file, path, indent);
    e.refs.forEach((r) => this.refs.add(r));
    return e;
  }

  /** `key: <property>` when the property is set. */
  map(property: string, key: string): void {
    const e = this.expr(property);
    if (e !== undefined) this.entries.push([key, e.code]);
  }

  add(key: string, code: string): void {
    this.entries.push([key, code]);
  }

  /** Reports every set property not in `handled`. */
  rejectOthers(handled: readonly string[], type: string): void {
    for (const name of this.props.names()) {
      if (handled.includes(name)) continue;
      this.note(`property ${name} of ${type} is not converted by heatshift convert`, this.props.path(name));
    }
  }

  note(message: string, path: readonly (string | number)[]): void {
    this.notes.push(this.ctx.todo(message, this.props.resource.file, path));
  }

  /** The arguments object; `prefix` is the length of the code before it on its line. */
  args(prefix = 0): string | undefined {
    return this.entries.length === 0 ? undefined : objectCode(this.entries, "", prefix);
  }
}

function single(resource: LoadedResource, variable: string, kind: string, binding: UnitBinding, emit: (ctx: EmitContext) => UnitCode): Unit {
  return { members: [resource], kind, variable, bindings: new Map([[resource.name, binding]]), emit };
}

/** OS::Neutron::Port → openstack.networking.Port (registry/neutron/Port.ts). */
function port(r: LoadedResource, v: string): Unit {
  const type = r.definition.type;
  return single(r, v, "openstack.networking.Port", fieldBinding(v, v, "id", { name: "name", mac_address: "macAddress", network_id: "networkId", device_id: "deviceId" }, r.name, type), (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.map("name", "name");
    const network = w.expr("network");
    if (network !== undefined) w.add("networkId", networkId(w, network));
    w.add("adminStateUp", w.expr("admin_state_up")?.code ?? "true");
    const groups = w.props.get("security_groups");
    if (Array.isArray(groups) && groups.length === 0) w.add("noSecurityGroups", "true");
    else if (Array.isArray(groups) && groups.every((g) => referencedResource(g) !== undefined)) w.map("security_groups", "securityGroupIds");
    else if (groups !== undefined) w.note("security_groups given by name (not get_resource) are not converted by heatshift convert", w.props.path("security_groups"));
    const fixedIps = w.props.get("fixed_ips");
    if (Array.isArray(fixedIps)) {
      const items = fixedIps.map((f, i) => {
        const item = (f ?? {}) as Record<string, Snippet>;
        const entries: [string, string][] = [];
        const subnet = item.subnet ?? item.subnet_id;
        if (subnet !== undefined && subnet !== null) entries.push(["subnetId", w.snippet(subnet, w.props.path("fixed_ips", i, "subnet"), "    ").code]);
        if (item.ip_address !== undefined && item.ip_address !== null) entries.push(["ipAddress", w.snippet(item.ip_address, w.props.path("fixed_ips", i, "ip_address"), "    ").code]);
        return objectCode(entries, "    ");
      });
      w.add("fixedIps", arrayCode(items, "  "));
    }
    w.map("mac_address", "macAddress");
    // replacement_policy is Heat's hidden property, which Heat ignores (registry/neutron/Port.ts).
    w.rejectOthers(["name", "network", "admin_state_up", "security_groups", "fixed_ips", "mac_address", "replacement_policy"], type);
    return { refs: w.refs, render: construct(v, "openstack.networking.Port", r.name, w, w.notes) };
  });
}

/**
 * The entries of a server's `networks` as heatshift's ServerNetwork objects (`{ network }`,
 * `{ port }`, `fixedIp`). With `allocation`, an `allocate_network` entry (auto/none: Nova picks
 * the network, or none) is handed to it instead, as the registry's Server passes Pulumi's networkMode.
 */
export function serverNetworks(w: ArgumentWriter, allocation?: (mode: string) => void): string[] | undefined {
  const networks = w.props.get("networks");
  if (!Array.isArray(networks)) return undefined;
  const allocated = allocation === undefined ? [] : networks.filter((n) => n !== null && typeof n === "object" && !Array.isArray(n) && "allocate_network" in n);
  allocated.forEach((n) => allocation!(w.snippet((n as Record<string, Snippet>).allocate_network, w.props.path("networks", networks.indexOf(n), "allocate_network")).code));
  return networks.filter((n) => !allocated.includes(n)).map((n) => {
    const i = networks.indexOf(n);
    const item = (n ?? {}) as Record<string, Snippet>;
    const entries: [string, string][] = [];
    for (const [key, field] of [["network", "network"], ["uuid", "network"], ["port", "port"], ["fixed_ip", "fixedIp"]] as const) {
      if (item[key] !== undefined && item[key] !== null) entries.push([field, w.snippet(item[key], w.props.path("networks", i, key), "    ").code]);
    }
    for (const key of Object.keys(item)) {
      if (!["network", "uuid", "port", "fixed_ip"].includes(key)) w.note(`networks[${i}].${key} is not converted by heatshift convert`, w.props.path("networks", i, key));
    }
    return objectCode(entries, "  ");
  });
}

/** OS::Nova::Server → openstack.compute.Instance (registry/nova/Server.ts). */
function server(r: LoadedResource, v: string, importName: ImportName): Unit {
  const type = r.definition.type;
  const binding = registryBinding(r, v, "id", serverAttributes, importName);
  return single(r, v, "openstack.compute.Instance", binding, (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.map("name", "name");
    for (const [property, helper] of [["image", "imageArgs"], ["flavor", "flavorArgs"]] as const) {
      const e = w.expr(property);
      if (e === undefined) continue;
      ctx.importName(PROGRAM_MODULE, helper);
      w.entries.push(["", `...${helper}(${e.code})`]);
    }
    w.map("key_name", "keyPair");
    let networkMode: string | undefined;
    const networks = serverNetworks(w, (mode) => (networkMode = mode));
    if (networks !== undefined && networks.length > 0) {
      ctx.importName(PROGRAM_MODULE, "instanceNetworkArgs");
      w.add("networks", `${arrayCode(networks, "  ")}.map(instanceNetworkArgs)`);
    }
    if (networkMode !== undefined) w.add("networkMode", networkMode);
    w.map("security_groups", "securityGroups");
    const userData = w.expr("user_data");
    if (userData !== undefined) {
      const format = w.props.get("user_data_format") ?? "HEAT_CFNTOOLS";
      if (format !== "RAW") {
        w.note(
          `user_data_format ${typeof format === "string" ? format : "(computed)"}: heatshift passes user_data to Nova unchanged (Heat's RAW); Heat would wrap it in its cloud-init boot scripts`,
          w.props.path(w.props.get("user_data_format") === undefined ? "user_data" : "user_data_format"),
        );
      }
      w.add("userData", userData.code);
    }
    w.map("availability_zone", "availabilityZone");
    const metadata = w.props.get("metadata");
    const stringValues = metadata !== null && typeof metadata === "object" && !Array.isArray(metadata) && !(metadata instanceof FunctionNode) && Object.values(metadata).every((v) => typeof v === "string");
    if (stringValues) w.map("metadata", "metadata");
    else if (metadata !== undefined) {
      // Nova takes strings only: Heat sends other values as JSON, as the registry's novaMetadata.
      ctx.importName(PROGRAM_MODULE, "novaMetadata");
      w.add("metadata", `novaMetadata(${w.expr("metadata")!.code})`);
    }
    w.rejectOthers(["name", "image", "flavor", "key_name", "networks", "security_groups", "user_data", "user_data_format", "availability_zone", "metadata"], type);
    return { refs: w.refs, render: construct(v, "openstack.compute.Instance", r.name, w, w.notes) };
  });
}

/** OS::Heat::RandomString → heatshift's RandomString component. */
function randomString(r: LoadedResource, v: string): Unit {
  const type = r.definition.type;
  return single(r, v, "component RandomString", fieldBinding(v, v, "value", { value: "value" }, r.name, type), (ctx) => {
    ctx.importName(COMPONENTS_MODULE, "RandomString");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.map("length", "length");
    w.map("sequence", "sequence");
    w.map("salt", "salt");
    for (const [property, key, inner] of [["character_classes", "characterClasses", "class"], ["character_sequences", "characterSequences", "sequence"]] as const) {
      const value = w.props.get(property);
      if (!Array.isArray(value)) continue;
      const items = value.map((item, i) => {
        const m = (item ?? {}) as Record<string, Snippet>;
        const entries: [string, string][] = [];
        if (m[inner] !== undefined && m[inner] !== null) entries.push([inner, w.snippet(m[inner], w.props.path(property, i, inner)).code]);
        if (m.min !== undefined && m.min !== null) entries.push(["min", w.snippet(m.min, w.props.path(property, i, "min")).code]);
        return objectCode(entries, "  ");
      });
      w.add(key, arrayCode(items, "  "));
    }
    w.rejectOthers(["length", "sequence", "salt", "character_classes", "character_sequences"], type);
    return { refs: w.refs, render: construct(v, "RandomString", r.name, w, w.notes) };
  });
}

/** OS::Heat::WaitConditionHandle → heatshift's WaitConditionHandle component. */
function waitConditionHandle(r: LoadedResource, v: string): Unit {
  const attributes = { curl_cli: "curlCli", endpoint: "endpoint", token: "token" };
  return single(r, v, "component WaitConditionHandle", fieldBinding(v, v, "handleId", attributes, r.name, r.definition.type), (ctx) => {
    ctx.importName(COMPONENTS_MODULE, "WaitConditionHandle");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.rejectOthers([], r.definition.type);
    return { refs: w.refs, render: construct(v, "WaitConditionHandle", r.name, undefined, w.notes) };
  });
}

/** OS::Heat::WaitCondition → heatshift's WaitCondition component (its handle is the handle's variable). */
function waitCondition(r: LoadedResource, v: string): Unit {
  return single(r, v, "component WaitCondition", fieldBinding(v, v, undefined, { data: "data" }, r.name, r.definition.type), (ctx) => {
    ctx.importName(COMPONENTS_MODULE, "WaitCondition");
    const w = new ArgumentWriter(ctx, new Properties(r));
    const handleName = referencedResource(w.props.get("handle"));
    const handle = handleName === undefined ? undefined : ctx.binding(handleName);
    if (handleName !== undefined && handle !== undefined) {
      w.refs.add(handleName);
      w.add("handle", handle.object);
    } else if (w.props.get("handle") !== undefined) {
      w.note("handle must be a get_resource of an OS::Heat::WaitConditionHandle of this template", w.props.path("handle"));
      w.add("handle", "undefined as never");
    }
    w.map("count", "count");
    w.map("timeout", "timeoutSeconds");
    w.rejectOthers(["handle", "count", "timeout"], r.definition.type);
    return { refs: w.refs, render: construct(v, "WaitCondition", r.name, w, w.notes) };
  });
}


/**
 * OS::Neutron::SecurityGroup (not in WebSecurityGroup's shape) → openstack.networking.SecGroup and
 * one SecGroupRule per rule, made by the registry's `secGroupRuleArgs` (registry/neutron/SecurityGroup.ts).
 * Dependents wait for the rules too, as they do for the imported group.
 */
function securityGroup(r: LoadedResource, v: string): Unit {
  const type = r.definition.type;
  const rulesVariable = `${v}Rules`;
  const written = new Properties(r).get("rules");
  const hasRules = !Array.isArray(written) || written.length > 0;
  const object = hasRules ? `${v}, ...${rulesVariable}` : v;
  return single(r, v, "openstack.networking.SecGroup", fieldBinding(v, object, "id", { name: "name" }, r.name, type, hasRules), (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.map("name", "name");
    w.map("description", "description");
    const given = w.props.get("rules");
    const rules = Array.isArray(given) ? given : [];
    if (given !== undefined && !Array.isArray(given)) w.note("rules computed by a function are not converted by heatshift convert", w.props.path("rules"));
    let egress = false;
    // References inside rules reach only the rules: left out of `refs`, so the group waits too (dependsOn).
    const ruleWriter = new ArgumentWriter(ctx, w.props);
    const items = rules.map((rule, i) => {
      const fields = (rule ?? {}) as Record<string, Snippet>;
      const entries: [string, string][] = [];
      for (const [key, value] of Object.entries(fields)) {
        if (value === null) continue;
        if (!(key in heatRuleFields)) {
          w.note(`rules[${i}].${key} is not converted by heatshift convert`, w.props.path("rules", i, key));
          continue;
        }
        if (key === "direction" && typeof value !== "string") w.note(`rules[${i}].direction must be written as a literal`, w.props.path("rules", i, key));
        if (key === "direction" && value === "egress") egress = true;
        entries.push([heatRuleFields[key as keyof typeof heatRuleFields], ruleWriter.snippet(value, w.props.path("rules", i, key), "    ").code]);
      }
      return objectCode(entries, "  ");
    });
    // Heat deletes Neutron's default egress rules when one of the template's rules is egress.
    w.add("deleteDefaultRules", String(egress));
    w.rejectOthers(["name", "description", "rules"], type);
    const group = construct(v, "openstack.networking.SecGroup", r.name, w, w.notes);
    if (!hasRules) return { refs: w.refs, render: group };
    ctx.importName(PROGRAM_MODULE, "secGroupRuleArgs");
    ctx.importName(PROGRAM_MODULE, "SecurityGroupRule");
    const ruleName = `\`${escapeTemplateText(r.name)}-rule-\${index}\``;
    return {
      refs: w.refs,
      render: (options) =>
        `${group(options)}\nconst ${rulesVariable} = (${arrayCode(items, "")} satisfies SecurityGroupRule[]).map(\n  (rule, index) => new openstack.networking.SecGroupRule(${ruleName}, secGroupRuleArgs(rule, ${v}.id)${optionsArgument(options)}),\n);`,
    };
  });
}

/** A property passed on under another name; `fallback` is Heat's schema default, written when the template gives none. */
type Field = readonly [property: string, key: string, fallback?: string];

/** A network ID from a name-or-ID value: a reference or a literal UUID as is, otherwise looked up (as the registry's `asId`). */
function networkId(w: ArgumentWriter, value: Expr): string {
  if (value.refs.size > 0 || (value.literal && typeof value.literal.value === "string" && isUuidLike(value.literal.value))) return value.code;
  w.ctx.importName(PROGRAM_MODULE, "lookupNetwork");
  return `lookupNetwork(${value.code}).id`;
}

/** A registry module's attribute table (the program imports its functions from heatshift/program). */
interface RegistryAttributes {
  readonly outputs: AttributeOutputs;
}

/**
 * A resource whose properties map one to one onto arguments (plus a network given by name or ID);
 * attributes are fields, or read as the registry reads them.
 */
function simple(className: string, fields: readonly Field[], attributes: Readonly<Record<string, string>> | RegistryAttributes, reference: string | undefined, network?: readonly [string, string]) {
  return (r: LoadedResource, v: string, importName: ImportName): Unit => {
    const binding = isRegistryAttributes(attributes) ? registryBinding(r, v, reference, attributes.outputs, importName) : fieldBinding(v, v, reference, attributes, r.name, r.definition.type);
    return single(r, v, className, binding, (ctx) => {
      ctx.importNamespace("@pulumi/openstack", "openstack");
      const w = new ArgumentWriter(ctx, new Properties(r));
      if (network !== undefined) {
        const value = w.expr(network[0]);
        if (value !== undefined) w.add(network[1], networkId(w, value));
      }
      for (const [property, key, fallback] of fields) {
        const value = w.expr(property);
        if (value !== undefined) w.add(key, r.entry?.properties[property]?.type === "String" ? asString(w.props.get(property), value.code, ctx) : value.code);
        else if (fallback !== undefined) w.add(key, fallback);
      }
      w.rejectOthers([...fields.map(([property]) => property), ...(network === undefined ? [] : [network[0]])], r.definition.type);
      return { refs: w.refs, render: construct(v, className, r.name, w, w.notes) };
    });
  };
}

function isRegistryAttributes(attributes: Readonly<Record<string, string>> | RegistryAttributes): attributes is RegistryAttributes {
  return typeof attributes.outputs === "object";
}

/** OS::Neutron::FloatingIP (outside the FloatingIp pair) → openstack.networking.FloatingIp: the pool by the network's name (registry/neutron/FloatingIP.ts). */
function floatingIp(r: LoadedResource, v: string): Unit {
  const attributes = { floating_ip_address: "address", port_id: "portId", fixed_ip_address: "fixedIp", tenant_id: "tenantId" };
  return single(r, v, "openstack.networking.FloatingIp", fieldBinding(v, v, "id", attributes, r.name, r.definition.type), (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    const network = w.expr("floating_network");
    if (network !== undefined) {
      ctx.importName(PROGRAM_MODULE, "lookupNetwork");
      w.add("pool", `lookupNetwork(${network.code}).name`);
    }
    for (const [property, key] of [["floating_subnet", "subnetId"], ["floating_ip_address", "address"], ["port_id", "portId"], ["fixed_ip_address", "fixedIp"], ["dns_name", "dnsName"], ["dns_domain", "dnsDomain"]] as const) w.map(property, key);
    w.rejectOthers(["floating_network", "floating_subnet", "floating_ip_address", "port_id", "fixed_ip_address", "dns_name", "dns_domain"], r.definition.type);
    return { refs: w.refs, render: construct(v, "openstack.networking.FloatingIp", r.name, w, w.notes) };
  });
}

/**
 * OS::Neutron::FloatingIPAssociation (outside the FloatingIp pair) → openstack.networking.FloatingIpAssociate:
 * Pulumi associates by address, taken from the template's FloatingIP (registry/neutron/FloatingIPAssociation.ts).
 */
function floatingIpAssociation(r: LoadedResource, v: string): Unit {
  return single(r, v, "openstack.networking.FloatingIpAssociate", fieldBinding(v, v, "id", {}, r.name, r.definition.type), (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    const target = referencedResource(w.props.get("floatingip_id"));
    const address = target === undefined ? undefined : ctx.binding(target)?.attribute("floating_ip_address", []);
    if (address === undefined || typeof address === "string") {
      w.note("floatingip_id must be a get_resource of an OS::Neutron::FloatingIP of this template (Pulumi associates by address)", w.props.path("floatingip_id"));
    } else {
      address.refs.forEach((ref) => w.refs.add(ref));
      w.add("floatingIp", address.code);
    }
    w.map("port_id", "portId");
    w.map("fixed_ip_address", "fixedIp");
    w.rejectOthers(["floatingip_id", "port_id", "fixed_ip_address"], r.definition.type);
    return { refs: w.refs, render: construct(v, "openstack.networking.FloatingIpAssociate", r.name, w, w.notes) };
  });
}

/**
 * OS::Nova::KeyPair → openstack.compute.Keypair (registry/nova/KeyPair.ts): referenced by its name,
 * the private key a secret output, given as Heat's `private_key` only with `save_private_key: true`.
 */
function keyPair(r: LoadedResource, v: string): Unit {
  const save = new Properties(r).get("save_private_key") ?? false;
  const fields = fieldBinding(v, v, "name", { public_key: "publicKey" }, r.name, r.definition.type);
  const binding: UnitBinding = {
    ...fields,
    attribute: (attribute, path) => {
      if (attribute !== "private_key" || path.length > 0) return fields.attribute(attribute, path);
      if (typeof save !== "boolean") return "private_key with a save_private_key computed by a function has no TypeScript form in heatshift convert";
      // Heat gives the private key only when asked to keep it (and Nova made one), "" otherwise.
      return save ? { code: `${v}.privateKey.apply((key) => key ?? "")`, output: true, refs: new Set([r.name]) } : { code: '""', output: false, refs: new Set<string>() };
    },
  };
  return single(r, v, "openstack.compute.Keypair", binding, (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.map("name", "name");
    w.map("public_key", "publicKey");
    w.rejectOthers(["name", "public_key", "save_private_key"], r.definition.type);
    const secret = 'additionalSecretOutputs: ["privateKey"]';
    const statement = construct(v, "openstack.compute.Keypair", r.name, w, w.notes);
    return { refs: w.refs, render: (options) => statement(options === undefined ? `{ ${secret} }` : options.replace(/^\{ /, `{ ${secret}, `)) };
  });
}

/** A String property given a number (a literal or a number parameter) as Heat converts it: a string. */
function asString(snippet: Snippet | undefined, code: string, ctx: EmitContext): string {
  if (typeof snippet === "number") return JSON.stringify(String(snippet));
  const parameter = snippet instanceof FunctionNode && snippet.fnName === "get_param" && typeof snippet.args === "string" ? snippet.args : undefined;
  return parameter !== undefined && ctx.scope.parameterType(parameter) === "number" ? `String(${code})` : code;
}

/** OS::Neutron::Router → openstack.networking.Router (registry/neutron/Router.ts): the gateway network by name or ID. */
function router(r: LoadedResource, v: string): Unit {
  return single(r, v, "openstack.networking.Router", fieldBinding(v, v, "id", { name: "name" }, r.name, r.definition.type), (ctx) => {
    ctx.importNamespace("@pulumi/openstack", "openstack");
    const w = new ArgumentWriter(ctx, new Properties(r));
    w.map("name", "name");
    w.add("adminStateUp", w.expr("admin_state_up")?.code ?? "true");
    const gateway = w.props.get("external_gateway_info");
    if (gateway !== undefined && (gateway === null || typeof gateway !== "object" || Array.isArray(gateway) || gateway instanceof FunctionNode)) {
      w.note("external_gateway_info computed by a function is not converted by heatshift convert", w.props.path("external_gateway_info"));
    } else if (gateway !== undefined) {
      for (const [key, value] of Object.entries(gateway)) {
        if (value === null) continue;
        const e = w.snippet(value, w.props.path("external_gateway_info", key));
        if (key === "network") {
          w.ctx.importName(PROGRAM_MODULE, "lookupNetwork");
          w.add("externalNetworkId", `lookupNetwork(${e.code}).id`);
        } else if (key === "enable_snat") w.add("enableSnat", e.code);
        else w.note(`external_gateway_info.${key} is not converted by heatshift convert`, w.props.path("external_gateway_info", key));
      }
    }
    w.rejectOthers(["name", "admin_state_up", "external_gateway_info"], r.definition.type);
    return { refs: w.refs, render: construct(v, "openstack.networking.Router", r.name, w, w.notes) };
  });
}

/** Adds a named import to the program (for expressions written outside a unit's statement). */
export type ImportName = (module: string, name: string) => void;

const PLAIN: Readonly<Record<string, (r: LoadedResource, variable: string, importName: ImportName) => Unit>> = {
  "OS::Neutron::Port": port,
  "OS::Neutron::Net": simple(
    "openstack.networking.Network",
    [["name", "name"], ["admin_state_up", "adminStateUp", "true"], ["shared", "shared", "false"], ["port_security_enabled", "portSecurityEnabled"], ["dns_domain", "dnsDomain"], ["tags", "tags"]],
    { outputs: networkAttributes },
    "id",
  ),
  "OS::Neutron::Subnet": simple(
    "openstack.networking.Subnet",
    [["cidr", "cidr"], ["name", "name"], ["ip_version", "ipVersion", "4"], ["dns_nameservers", "dnsNameservers", "[]"], ["gateway_ip", "gatewayIp"], ["enable_dhcp", "enableDhcp", "true"], ["allocation_pools", "allocationPools"], ["tags", "tags"]],
    { name: "name", cidr: "cidr", gateway_ip: "gatewayIp", network_id: "networkId" },
    "id",
    ["network", "networkId"],
  ),
  "OS::Neutron::Router": router,
  "OS::Neutron::FloatingIP": floatingIp,
  "OS::Neutron::FloatingIPAssociation": floatingIpAssociation,
  "OS::Cinder::Volume": simple(
    "openstack.blockstorage.Volume",
    [["size", "size"], ["name", "name"], ["description", "description"], ["availability_zone", "availabilityZone"], ["volume_type", "volumeType"], ["metadata", "metadata"], ["image", "imageId"], ["snapshot_id", "snapshotId"], ["source_volid", "sourceVolId"], ["backup_id", "backupId"]],
    { outputs: volumeAttributes },
    "id",
  ),
  "OS::Cinder::VolumeAttachment": simple("openstack.compute.VolumeAttach", [["instance_uuid", "instanceId"], ["volume_id", "volumeId"], ["mountpoint", "device"]], {}, "id"),
  "OS::Neutron::RouterInterface": simple("openstack.networking.RouterInterface", [["router", "routerId"], ["subnet", "subnetId"], ["port", "portId"]], {}, undefined),
  "OS::Neutron::SecurityGroup": securityGroup,
  "OS::Nova::Server": server,
  "OS::Nova::KeyPair": keyPair,
  "OS::Heat::RandomString": randomString,
  "OS::Heat::WaitConditionHandle": waitConditionHandle,
  "OS::Heat::WaitCondition": waitCondition,
};

/** The HOT types written as one statement each. */
export const PLAIN_TYPES: readonly string[] = Object.keys(PLAIN).sort();

/** The unit of one resource, or undefined when its type has no statement form. */
export function plainUnit(r: LoadedResource, ids: IdentifierScope, importName: ImportName): Unit | undefined {
  const make = PLAIN[r.type];
  return make === undefined ? undefined : make(r, ids.allocate(r.name, "Resource"), importName);
}

