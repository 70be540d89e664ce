/**
 * OS::Heat::SoftwareConfig (heat/engine/resources/openstack/heat/software_config.py). Heat stores
 * the config in its database and hands out an id; servers with RAW user_data and MultipartMime
 * parts turn that id back into the text. heatshift keeps no config store, so the reference id
 * *is* the config text: `user_data: {get_resource: config}` ends up with the same content.
 * No cloud resource is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";

const ioTypes = ["String", "Number", "CommaDelimitedList", "Json", "Boolean"];

export const properties: PropertiesSchema = {
  group: { type: "String", default: "Heat::Ungrouped" },
  config: { type: "String" },
  options: { type: "Map" },
  inputs: {
    type: "List",
    items: {
      type: "Map",
      keys: {
        name: { type: "String", required: true },
        description: { type: "String" },
        type: { type: "String", default: "String", allowed: ioTypes },
        default: { type: "Any" },
        replace_on_change: { type: "Boolean", default: false },
      },
    },
  },
  outputs: {
    type: "List",
    items: {
      type: "Map",
      keys: {
        name: { type: "String", required: true },
        description: { type: "String" },
        type: { type: "String", default: "String", allowed: ioTypes },
        error_output: { type: "Boolean", default: false },
      },
    },
  },
};

/** The one attribute of every software config type. */
export const configAttributes: Readonly<Record<string, AttributeSpec>> = {
  config: { description: "The config text." },
};

/** What the config types return: the text as reference id and as the `config` attribute. */
export function configResource(text: pulumi.Input<string>): ReturnType<RegistryEntry["create"]> {
  const value = pulumi.output(text);
  return { referenceId: value, resources: [], attribute: (name) => (name === "config" ? value : undefined) };
}

export const softwareConfigEntry: RegistryEntry = {
  type: "OS::Heat::SoftwareConfig",
  pulumiTypes: [],
  properties,
  attributes: configAttributes,
  create: (ctx) => configResource((ctx.properties.config as pulumi.Input<string> | undefined) ?? ""),
};
