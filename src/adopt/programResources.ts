/**
 * The Pulumi resources that `heatshift convert` writes for each HOT resource of a template, with
 * the type tokens, names and parents their URNs will have, and where each one's import ID comes
 * from. The grouping into components and plain resources is the converter's own (componentUnits,
 * plainUnit); the children each heatshift component creates (`${name}-net`, ...) are listed here,
 * and test/adopt checks them against the components' real registrations.
 */
import * as openstack from "@pulumi/openstack";
import { componentUnits } from "../convert/components";
import { IdentifierScope } from "../convert/identifiers";
import { plainUnit } from "../convert/resources";
import { Properties, Unit } from "../convert/units";
import { LoadedResource, LoadedStack } from "../import/load";
import { pulumiType as randomStringType } from "../registry/heat/RandomString";

/** How the import ID of a Pulumi resource is found in what Heat knows. */
export type ImportId =
  /** Heat's physical id of HOT resource `of` (the resource itself, or the one it is part of). */
  | { readonly kind: "physical"; readonly of: string }
  /** The id of the Neutron port joining the subnet to the router (Heat keeps `ROUTER:subnet_id=SUBNET`). */
  | { readonly kind: "routerInterfacePort"; readonly of: string }
  /** Rule `index` of security group `of`: Heat keeps only the group's id, not the ids of the rules it made in it. */
  | { readonly kind: "securityGroupRule"; readonly of: string; readonly index: number }
  /** The provider cannot import it at all. */
  | { readonly kind: "notImportable"; readonly why: string };

/** A component of the converted program (no cloud ID: `pulumi import` registers it as a component). */
export interface ProgramComponent {
  readonly type: string;
  readonly name: string;
}

/** One Pulumi resource of the converted program. */
export interface ProgramResource {
  /** The Pulumi type token, e.g. `openstack:networking/network:Network`. */
  readonly type: string;
  /** The Pulumi name (first argument of `new ...`). */
  readonly name: string;
  /** The heatshift component it is created in; undefined at the program's top level. */
  readonly parent?: ProgramComponent;
  /** The HOT resource it stands for. */
  readonly hot: string;
  readonly id: ImportId;
  /** What the program must do so that its first preview after the import does not replace the resource. */
  readonly afterImport?: string;
}

/** What the converted program does with one HOT resource. */
export interface ConvertedResource {
  readonly hot: LoadedResource;
  /** Its Pulumi resources (empty when the converter writes none). */
  readonly resources: readonly ProgramResource[];
  /** Why there are none: the converter writes a TODO for it. */
  readonly notConverted?: string;
}

/** A resource class of the OpenStack SDK. */
type SdkClass = abstract new (...args: never[]) => unknown;

/** The type token of an SDK class: its static `__pulumiType` (kept out of the SDK's declarations, present at run time). */
export function typeToken(cls: SdkClass): string {
  const token = (cls as unknown as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error(`the OpenStack SDK class ${cls.name} has no __pulumiType; is @pulumi/openstack heatshift's generated SDK?`);
  return token;
}

const physical = (r: LoadedResource): ImportId => ({ kind: "physical", of: r.name });

/**
 * The provider imports a server without its user_data (Nova does not return it) and without the
 * port of a network given by port, and both force a new server: seen with the real engine (test/e2e/adopt.test.ts).
 */
const INSTANCE_AFTER_IMPORT =
  "the provider cannot read back a server's userData nor the port of its networks, so the program's first preview after the import replaces the server unless it ignores changes to them: " +
  'give the server (or its FlaskyServer component) the option `transformations: [(a) => a.type === "openstack:compute/instance:Instance" ? { props: a.props, opts: pulumi.mergeOptions(a.opts, { ignoreChanges: ["userData", "networks"] }) } : undefined]` (docs/adopt.md)';

const DYNAMIC = (what: string, after: string): ImportId & { kind: "notImportable" } => ({
  kind: "notImportable",
  why: `heatshift's ${what} is a Pulumi dynamic resource, which \`pulumi import\` cannot read from the cloud; ${after}`,
});

/** The rules the converter writes for a security group: one per entry of a literal `rules` list (none when computed: a TODO). */
function ruleIndices(r: LoadedResource): number[] {
  const rules = new Properties(r).get("rules");
  return Array.isArray(rules) ? rules.map((_, i) => i) : [];
}

/** A child `${component}${suffix}` of class `cls` standing for HOT resource `hot`. */
interface ChildShape {
  readonly suffix: string;
  readonly cls: SdkClass;
  readonly id: ImportId;
  readonly afterImport?: string;
}

/** A heatshift component: the member whose HOT name names it, and the children each member becomes. */
interface ComponentShape {
  readonly namedBy: string;
  readonly children: (member: LoadedResource, unit: Unit) => readonly ChildShape[];
}

const net = openstack.networking;

/** The heatshift components the converter uses, by class name (their type token is `heatshift:openstack:<Name>`). */
const COMPONENTS: Readonly<Record<string, ComponentShape>> = {
  PrivateNetwork: {
    namedBy: "OS::Neutron::Net",
    children: (m) => {
      switch (m.type) {
        case "OS::Neutron::Net":
          return [{ suffix: "-net", cls: net.Network, id: physical(m) }];
        case "OS::Neutron::Subnet":
          return [{ suffix: "-subnet", cls: net.Subnet, id: physical(m) }];
        case "OS::Neutron::Router":
          return [{ suffix: "-router", cls: net.Router, id: physical(m) }];
        default:
          return [{ suffix: "-router-interface", cls: net.RouterInterface, id: { kind: "routerInterfacePort", of: m.name } }];
      }
    },
  },
  WebSecurityGroup: {
    namedBy: "OS::Neutron::SecurityGroup",
    children: (m) => [
      { suffix: "-secgroup", cls: net.SecGroup, id: physical(m) },
      ...ruleIndices(m).map((index) => ({ suffix: `-rule-${index}`, cls: net.SecGroupRule, id: { kind: "securityGroupRule", of: m.name, index } as const })),
    ],
  },
  FloatingIp: {
    namedBy: "OS::Neutron::FloatingIP",
    children: (m, unit) => {
      if (m.type === "OS::Neutron::FloatingIP") return [{ suffix: "-fip", cls: net.FloatingIp, id: physical(m) }];
      // Heat's id of an association is its own database id; the provider imports an association by the floating IP's id.
      const fip = unit.members.find((other) => other.type === "OS::Neutron::FloatingIP")!;
      return [{ suffix: "-assoc", cls: net.FloatingIpAssociate, id: physical(fip) }];
    },
  },
  // The instance is the component itself, so it takes the component's name.
  FlaskyServer: { namedBy: "OS::Nova::Server", children: (m) => [{ suffix: "", cls: openstack.compute.Instance, id: physical(m), afterImport: INSTANCE_AFTER_IMPORT }] },
};

/** Components whose only children are heatshift's dynamic resources: nothing to import, and what the next `pulumi up` does instead. */
const DYNAMIC_COMPONENTS: Readonly<Record<string, ImportId & { kind: "notImportable" }>> = {
  RandomString: DYNAMIC(
    "RandomString",
    "the next `pulumi up` generates a new value (Heat's is in the abandon document's resource_data, which is not copied), and whatever uses it (a server's user_data) changes",
  ),
  WaitConditionHandle: DYNAMIC("WaitConditionHandle", "the next `pulumi up` creates a new handle (a new signal URL and token on heatshift's receiver)"),
  WaitCondition: DYNAMIC(
    "WaitCondition",
    "the next `pulumi up` creates a new one, which waits (up to its timeout) for a signal to the new handle that the running server, booted long ago, does not send: send it with the handle's curl_cli, or remove the wait condition from the program once the stack is adopted",
  ),
};

/** The SDK class of a plain unit's kind, e.g. `openstack.networking.Port`. */
function sdkClass(kind: string): SdkClass | undefined {
  const [root, module, name] = kind.split(".");
  if (root !== "openstack" || name === undefined) return undefined;
  const found = (openstack as unknown as Record<string, Record<string, unknown> | undefined>)[module]?.[name];
  return typeof found === "function" && "__pulumiType" in found ? (found as unknown as SdkClass) : undefined;
}

/** The converter's units for a loaded template, as `Converter.units` makes them. */
function convertedUnits(stack: LoadedStack): Unit[] {
  const ids = new IdentifierScope();
  const units = componentUnits(stack, ids);
  const claimed = new Set(units.flatMap((u) => u.members.map((m) => m.name)));
  for (const r of stack.resources) {
    if (claimed.has(r.name) || r.nested !== undefined) continue;
    const unit = plainUnit(r, ids, () => undefined);
    if (unit !== undefined) units.push(unit);
  }
  return units;
}

function componentResources(unit: Unit, componentName: string): Map<string, ProgramResource[]> {
  const shape = COMPONENTS[componentName];
  const byMember = new Map<string, ProgramResource[]>();
  if (shape === undefined) {
    const id: ImportId = DYNAMIC_COMPONENTS[componentName] ?? { kind: "notImportable", why: `heatshift's component ${componentName} is not known to heatshift adopt` };
    // RandomString is the importer's resource type too, under its registry token.
    const type = componentName === "RandomString" ? randomStringType : `heatshift:openstack:${componentName}`;
    unit.members.forEach((m) => byMember.set(m.name, [{ type, name: m.name, hot: m.name, id }]));
    return byMember;
  }
  const namer = unit.members.find((m) => m.type === shape.namedBy)!;
  const parent: ProgramComponent = { type: `heatshift:openstack:${componentName}`, name: namer.name };
  for (const m of unit.members) {
    byMember.set(m.name, shape.children(m, unit).map((c) => ({ type: typeToken(c.cls), name: `${namer.name}${c.suffix}`, parent, hot: m.name, id: c.id, ...(c.afterImport === undefined ? {} : { afterImport: c.afterImport }) })));
  }
  return byMember;
}

function plainResources(unit: Unit): ProgramResource[] {
  const r = unit.members[0];
  const cls = sdkClass(unit.kind);
  if (cls === undefined) return [{ type: unit.kind, name: r.name, hot: r.name, id: { kind: "notImportable", why: `${unit.kind} has no OpenStack SDK class` } }];
  const own: ProgramResource = { type: typeToken(cls), name: r.name, hot: r.name, id: r.type === "OS::Neutron::RouterInterface" ? { kind: "routerInterfacePort", of: r.name } : physical(r) };
  if (cls === openstack.compute.Instance) return [{ ...own, afterImport: INSTANCE_AFTER_IMPORT }];
  if (cls !== net.SecGroup) return [own];
  const rules = ruleIndices(r).map((index): ProgramResource => ({ type: typeToken(net.SecGroupRule), name: `${r.name}-rule-${index}`, hot: r.name, id: { kind: "securityGroupRule", of: r.name, index } }));
  return [own, ...rules];
}

/** For each resource of the template (template order): the Pulumi resources `heatshift convert` writes for it. */
export function convertedResources(stack: LoadedStack): ConvertedResource[] {
  const byMember = new Map<string, ProgramResource[]>();
  for (const unit of convertedUnits(stack)) {
    const component = /^component (\w+)$/.exec(unit.kind);
    if (component !== null) componentResources(unit, component[1]).forEach((list, member) => byMember.set(member, list));
    else byMember.set(unit.members[0].name, plainResources(unit));
  }
  return stack.resources.map((hot) => {
    const resources = byMember.get(hot.name);
    if (resources !== undefined) return { hot, resources };
    const why = hot.nested !== undefined ? "nested templates are not converted by heatshift convert yet" : `resource type ${hot.type} is not converted by heatshift convert yet`;
    return { hot, resources: [], notConverted: why };
  });
}
