/**
 * What heatshift knows about one HOT resource type, in one place: Heat's property schema (with
 * defaults and deprecated names), the attributes a template may read with get_attr, the
 * resources the type waits for without being told (Heat's `add_dependencies`), and the Pulumi
 * resources it becomes. The importer, the validator and the plan all read these entries.
 */
import * as pulumi from "@pulumi/pulumi";

/** Heat's property types (heat/engine/properties.py Schema.TYPES). */
export type PropertyType = "String" | "Integer" | "Number" | "Boolean" | "List" | "Map" | "Any";

/** The schema of one property, or of one key of a map, or of the items of a list. */
export interface PropertySchema {
  /** Heat's type; values are coerced as Heat coerces them (see properties.ts). */
  readonly type: PropertyType;
  /** The property must be given (a template that omits it is invalid). @default false */
  readonly required?: boolean;
  /** The value Heat uses when the template gives none. @default - no value */
  readonly default?: unknown;
  /** The only values allowed (Heat's AllowedValues constraint). @default - any value */
  readonly allowed?: readonly unknown[];
  /** Inclusive bounds of a number (Heat's Range constraint). @default - unbounded */
  readonly range?: { readonly min?: number; readonly max?: number };
  /** Inclusive bounds of a string's or list's length (Heat's Length constraint). @default - unbounded */
  readonly length?: { readonly min?: number; readonly max?: number };
  /** A List's item schema (`x[*]`). @default - items are not checked */
  readonly items?: PropertySchema;
  /** A Map's (or a List item map's) known keys. @default - keys are not checked */
  readonly keys?: Readonly<Record<string, PropertySchema>>;
  /** A change on update is applied in place; otherwise the resource is replaced. @default false */
  readonly updateAllowed?: boolean;
}

/** A property schema keyed by property name. */
export type PropertiesSchema = Readonly<Record<string, PropertySchema>>;

/**
 * A deprecated property name that Heat still accepts and translates (a `TranslationRule.REPLACE`):
 * the value found under `from` moves to `to`, in the same map. Giving both is an error, as in Heat.
 */
export interface PropertyRename {
  /** The map the rename applies in: `[]` for the top level, `["networks", "*"]` for each item of `networks`. */
  readonly at: readonly string[];
  /** The deprecated name, e.g. `network_id`. */
  readonly from: string;
  /** The current name, e.g. `network`. */
  readonly to: string;
}

/** One attribute readable with get_attr. */
export interface AttributeSpec {
  /** What the attribute holds (Heat's description, in our words). */
  readonly description: string;
  /**
   * Why heatshift cannot give this attribute a value. An unmapped attribute is a warning, or an
   * error in strict mode. @default - the attribute is mapped
   */
  readonly unmapped?: string;
}

/**
 * A property value at the time heatshift decides dependencies, before anything is deployed:
 * a literal, a reference to a resource of this template (`get_resource`), or unknown.
 */
export type StaticValue =
  | { readonly kind: "literal"; readonly value: unknown }
  | { readonly kind: "resource"; readonly name: string }
  | { readonly kind: "unknown" };

/** What the hidden-dependency rules of a type may look at: one resource of the template. */
export interface DependencyView {
  /** The HOT resource name. */
  readonly name: string;
  /** The HOT type after environment aliases, e.g. `OS::Neutron::Port`. */
  readonly type: string;
  /** A property (after deprecated names are translated) as known before deployment; `path` goes into maps and lists. */
  property(...path: (string | number)[]): StaticValue;
}

/** The template as seen by hidden-dependency rules. */
export interface DependencyContext {
  /** Every resource of the template (conditions applied), in template order. */
  readonly resources: readonly DependencyView[];
  /** The resources of one type, in template order (indexed: rules run once per resource). */
  ofType(type: string): readonly DependencyView[];
  /** One resource by name. */
  resource(name: string): DependencyView | undefined;
  /**
   * The resources of a type whose property at `path` equals `value` as Heat compares values before
   * deployment (see `sameStaticValue`), in template order; indexed, so rules stay linear.
   */
  matching(type: string, path: readonly (string | number)[], value: StaticValue): readonly DependencyView[];
  /** The resources of a type whose property at `path` is not set (`isStaticallySet` false), in template order; indexed. */
  unset(type: string, path: readonly (string | number)[]): readonly DependencyView[];
  /** The given resources, each once, in template order. */
  inTemplateOrder(views: Iterable<DependencyView>): DependencyView[];
  /** The names the resource depends on so far (explicit and get_resource/get_attr), like Heat's `deps.graph()[self]`. */
  dependenciesOf(name: string): readonly string[];
}

/** A hidden dependency: `self` waits for `on`, for the reason given (shown by `plan` and in errors). */
export interface HiddenDependency {
  readonly on: string;
  readonly reason: string;
}

/** Everything a factory gets to build the Pulumi resources of one HOT resource. */
export interface CreateContext {
  /** The HOT resource name, e.g. `flasky_port` (ResourceGroup members: `"0"`, `"1"`, ...). */
  readonly name: string;
  /** A Pulumi resource name unique in the program, derived from the HotStack name and the HOT name. */
  readonly logicalName: string;
  /**
   * The properties after translation of deprecated names, with Heat's defaults filled in. Values
   * may be Pulumi Outputs anywhere inside (values known only after deployment).
   */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The HOT `metadata` of the resource, evaluated. @default - none */
  readonly metadata?: unknown;
  /** Options for every Pulumi resource the factory creates (parent, dependsOn, protect, import, ...). */
  readonly options: pulumi.CustomResourceOptions;
  /** The stack name (`OS::stack_name`), used where Heat derives physical names from it. */
  readonly stackName: string;
  /**
   * Creates another HOT resource of any registered type or template (ResourceGroup members) as a
   * child of the current one.
   */
  createNested(name: string, type: string, properties: Record<string, unknown>, metadata?: unknown): ImportedResource;
  /**
   * The resource of this template whose reference id a property value is (the value of a
   * `get_resource`, passed on unchanged), or undefined.
   */
  referencedResource(value: unknown): ImportedResource | undefined;
  /**
   * Whether a value is a parameter of this (nested) template known only after deployment, passed on
   * unchanged: a name or an ID, the template cannot tell which. @default - no value is
   */
  isParameterValue?(value: unknown): boolean;
}

/** What a factory returns: the Pulumi side of one HOT resource. */
export interface ImportedResource {
  /** The value `get_resource` gives (Heat's reference id). */
  readonly referenceId: pulumi.Output<unknown>;
  /** The Pulumi resources created for it, the main one first. Dependents wait for all of them. */
  readonly resources: readonly pulumi.Resource[];
  /**
   * The value of a mapped attribute, or undefined when this resource has no such attribute.
   * Attributes are looked up lazily: a template reads only some of them.
   */
  attribute(name: string): pulumi.Output<unknown> | undefined;
  /**
   * For types whose attribute names take part of the path (ResourceGroup `resource.0.name`,
   * `attributes`, template resources): the value of `get_attr: [res, name, ...path]` with the path
   * applied. When absent, get_attr applies the path to `attribute(name)` itself.
   */
  attributeAt?(name: string, path: readonly (string | number)[]): pulumi.Output<unknown> | undefined;
}

/** A problem found in the properties of one resource, located by a path inside `properties`. */
export interface PropertyProblem {
  readonly message: string;
  /** The path of the offending value inside the resource's `properties` map. */
  readonly path: readonly (string | number)[];
}

/** A resource definition inside another resource (a ResourceGroup member). */
export interface NestedDefinition {
  readonly name: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  /** The member's metadata (a template member's resource_facade metadata). @default {} */
  readonly metadata?: unknown;
  /** Where the definition is written, inside the outer resource's `properties`. */
  readonly path: readonly (string | number)[];
}

/** Everything heatshift knows about one HOT resource type. */
export interface RegistryEntry {
  /** The HOT type, e.g. `OS::Neutron::Port`. */
  readonly type: string;
  /** The Pulumi type tokens this type becomes, for docs and the plan, e.g. `["openstack:networking/port:Port"]`. */
  readonly pulumiTypes: readonly string[];
  /** Heat's property schema (required properties, defaults, allowed values, ranges). */
  readonly properties: PropertiesSchema;
  /**
   * The properties the factory passes on to Pulumi. A template that sets another one gets a
   * warning (an error in strict mode): it would be silently dropped otherwise.
   * @default - all of `properties`
   */
  readonly mappedProperties?: readonly string[];
  /** Deprecated property names Heat still accepts. @default - none */
  readonly renamed?: readonly PropertyRename[];
  /**
   * Heat's other translation rules (`TranslationRule.ADD`/`DELETE`), applied after `renamed`,
   * e.g. RandomString's `sequence` becoming a character class. @default - none
   */
  translate?(properties: Record<string, unknown>): Record<string, unknown>;
  /** Attributes readable with get_attr (besides `show`, which every resource has). */
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  /**
   * Attribute names not known in advance are accepted (ResourceGroup passes any name to its
   * members). @default false
   */
  readonly openAttributes?: boolean;
  /** deletion_policy Snapshot is supported by the type (Heat: volumes, servers). @default false */
  readonly supportsSnapshot?: boolean;
  /** update_policy keys the type understands in Heat (kept, but not honoured by Pulumi). @default - none */
  readonly updatePolicyKeys?: readonly string[];
  /** Checks across properties that a schema cannot express (Heat's `validate()`). Values may be unknown (undefined). */
  validate?(properties: Readonly<Record<string, unknown>>): PropertyProblem[];
  /** The resources this one waits for without a reference in the template (Heat's `add_dependencies`). */
  hiddenDependencies?(self: DependencyView, context: DependencyContext): HiddenDependency[];
  /**
   * The resource definitions this type creates inside itself (ResourceGroup members, every one in
   * order), so that validation checks them like top-level resources and template members are
   * loaded. @default - none
   */
  nestedDefinitions?(properties: Readonly<Record<string, unknown>>): NestedDefinition[];
  /** Builds the Pulumi resources. */
  create(context: CreateContext): ImportedResource;
}
