/**
 * OS::Heat::Value (heat/engine/resources/openstack/heat/value.py): no cloud resource, just its
 * `value` property as the `value` attribute, coerced to `type` when one is given (as a parameter
 * of that type would be: string, number, comma_delimited_list, json, boolean).
 */
import * as pulumi from "@pulumi/pulumi";
import { resolveProperties } from "../properties";
import { PropertyProblem, PropertyType, RegistryEntry } from "../types";

const valueTypes: Record<string, PropertyType> = {
  string: "String",
  number: "Number",
  comma_delimited_list: "List",
  json: "Map",
  boolean: "Boolean",
};

/** The value checked and coerced as Heat's `reparse` does for the given type. */
function typedValue(value: unknown, type: unknown): { value: unknown; problems: PropertyProblem[] } {
  const schemaType = typeof type === "string" ? valueTypes[type] : undefined;
  if (!schemaType) return { value, problems: [] };
  const typed: RegistryEntry = { ...valueEntry, properties: { value: { type: schemaType, required: true } } };
  const { values, problems } = resolveProperties(typed, { value }, (v) => pulumi.Output.isInstance(v) || typeof v === "symbol");
  return { value: values.value, problems };
}

/** The TypeScript type of each `type` of OS::Heat::Value. */
export interface HeatValueTypes {
  string: string;
  number: number;
  comma_delimited_list: unknown[];
  boolean: boolean;
  /** Parsed JSON: a map or a list, read by key or index. */
  json: any;
}

/**
 * The `value` attribute of an OS::Heat::Value of the given `type` (Heat's coercion, as the
 * importer applies it); throws when the value is not of that type. Programs written by
 * `heatshift convert` call it. The value is not shown: it may hold a secret.
 */
export function valueOfType<T extends keyof HeatValueTypes>(value: unknown, type: T): HeatValueTypes[T] {
  const { value: typed, problems } = typedValue(value, type);
  if (problems.length > 0) throw new Error(`OS::Heat::Value of type ${type}: ${problems.map((p) => p.message).join("; ")}`);
  return typed as HeatValueTypes[T];
}

export const valueEntry: RegistryEntry = {
  type: "OS::Heat::Value",
  pulumiTypes: [],
  properties: {
    value: { type: "Any", required: true, updateAllowed: true },
    type: { type: "String", allowed: Object.keys(valueTypes), updateAllowed: true },
  },
  attributes: { value: { description: "The value property, of the given type." } },
  validate: (props) => typedValue(props.value, props.type).problems,
  create(ctx) {
    const value = pulumi.output(ctx.properties.value as pulumi.Input<object>).apply((v: unknown) => typedValue(v, ctx.properties.type).value);
    return {
      referenceId: pulumi.output(`${ctx.stackName}-${ctx.name}`),
      resources: [],
      attribute: (name) => (name === "value" ? value : undefined),
    };
  },
};
