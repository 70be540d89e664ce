/**
 * OS::Heat::ResourceGroup (heat/engine/resources/openstack/heat/resource_group.py): `count`
 * copies of `resource_def`, named "0", "1", ..., with `index_var` (default `%index%`) replaced by
 * the member's index in every string of the member's properties (not in map keys, type or
 * metadata). Members are created through the registry like any resource, as children of the group.
 */
import * as pulumi from "@pulumi/pulumi";
import { selectFromAttribute } from "../../hot/functions/get_attr";
import { AttributeSpec, ImportedResource, NestedDefinition, PropertiesSchema, RegistryEntry } from "../types";

export const properties: PropertiesSchema = {
  count: { type: "Integer", default: 1, range: { min: 0 }, updateAllowed: true },
  index_var: { type: "String", default: "%index%", length: { min: 3 } },
  resource_def: {
    type: "Map",
    required: true,
    updateAllowed: true,
    keys: {
      type: { type: "String", required: true },
      properties: { type: "Map" },
      metadata: { type: "Map" },
    },
  },
  removal_policies: {
    type: "List",
    default: [],
    updateAllowed: true,
    items: { type: "Map", keys: { resource_list: { type: "List", default: [] } } },
  },
  removal_policies_mode: { type: "String", default: "append", allowed: ["append", "update"], updateAllowed: true },
};

export const attributes: Readonly<Record<string, AttributeSpec>> = {
  refs: { description: "The reference ids of the members, in index order." },
  refs_map: { description: "A map of member names to reference ids." },
  attributes: { description: "A map of member names to one attribute of each member (get_attr: [group, attributes, name])." },
  removed_rsrc_list: { description: "The names of removed members (always empty: heatshift does not remove by policy)." },
};

/** Replaces the index variable in every string of a value; Outputs are replaced once known. */
export function substituteIndex(value: unknown, indexVar: string, index: number): unknown {
  if (typeof value === "string") return value.split(indexVar).join(String(index));
  if (pulumi.Output.isInstance(value)) return value.apply((v) => substituteIndex(v, indexVar, index));
  if (Array.isArray(value)) return value.map((v) => substituteIndex(v, indexVar, index));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteIndex(v, indexVar, index)]));
  }
  return value;
}

/** The member definitions: names "0".."count-1" with the index substituted (in properties only, as Heat does). */
function members(props: Readonly<Record<string, unknown>>): NestedDefinition[] {
  const count = props.count;
  const definition = props.resource_def as { type?: unknown; properties?: unknown; metadata?: unknown } | undefined;
  if (typeof count !== "number" || typeof definition?.type !== "string") return [];
  const indexVar = typeof props.index_var === "string" ? props.index_var : "%index%";
  return Array.from({ length: count }, (_, i) => ({
    name: String(i),
    type: definition.type as string,
    properties: (substituteIndex(definition.properties ?? {}, indexVar, i) ?? {}) as Record<string, unknown>,
    metadata: definition.metadata ?? undefined,
    path: ["resource_def"],
  }));
}

export const resourceGroupEntry: RegistryEntry = {
  type: "OS::Heat::ResourceGroup",
  pulumiTypes: [],
  properties,
  attributes,
  openAttributes: true,
  updatePolicyKeys: ["rolling_update", "batch_create"],
  validate(props) {
    if (props.count !== undefined && typeof props.count !== "number") {
      return [{ message: `ResourceGroup count must be known before deployment (a number or get_param), got a value computed from other resources`, path: ["count"] }];
    }
    return [];
  },
  nestedDefinitions: members,
  create(ctx) {
    const definition = ctx.properties.resource_def as { metadata?: unknown };
    const created: [string, ImportedResource][] = members(ctx.properties).map((m) => [
      m.name,
      ctx.createNested(m.name, m.type, m.properties, definition.metadata),
    ]);
    const refs = pulumi.all(created.map(([, r]) => r.referenceId));
    const memberAttribute = (member: ImportedResource, name: string, path: readonly (string | number)[]): pulumi.Output<unknown> => {
      const at = member.attributeAt?.(name, path);
      if (at) return at;
      const value = member.attribute(name);
      return value ? value.apply((v) => selectFromAttribute(v, path)) : pulumi.output(null);
    };
    const attributeAt = (name: string, path: readonly (string | number)[]): pulumi.Output<unknown> | undefined => {
      if (name === "refs") return refs.apply((v) => selectFromAttribute(v, path));
      if (name === "refs_map") {
        return pulumi.all(Object.fromEntries(created.map(([n, r]) => [n, r.referenceId]))).apply((v) => selectFromAttribute(v, path));
      }
      if (name === "removed_rsrc_list") return pulumi.output(selectFromAttribute([], path));
      if (name === "attributes") {
        const [attribute, ...rest] = path;
        return pulumi.all(Object.fromEntries(created.map(([n, r]) => [n, memberAttribute(r, String(attribute), rest)])));
      }
      const member = /^resource\.(\d+)(?:\.(.+))?$/.exec(name);
      if (member) {
        const found = created.find(([n]) => n === member[1])?.[1];
        if (!found) return pulumi.output(null);
        if (member[2] !== undefined) return memberAttribute(found, member[2], path);
        // Heat: `[group, resource.N]` is the member's reference id, `[group, resource.N, attr, ...]` its attribute.
        if (path.length === 0) return found.referenceId;
        const [attribute, ...rest] = path;
        return memberAttribute(found, String(attribute), rest);
      }
      return pulumi.all(created.map(([, r]) => memberAttribute(r, name, path)));
    };
    return {
      referenceId: pulumi.output(`${ctx.stackName}-${ctx.name}`),
      resources: created.flatMap(([, r]) => r.resources),
      attribute: (name) => attributeAt(name, []),
      attributeAt,
    };
  },
};
