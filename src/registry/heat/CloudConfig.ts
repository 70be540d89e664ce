/**
 * OS::Heat::CloudConfig (heat/engine/resources/openstack/heat/cloud_config.py): `#cloud-config`
 * followed by the `cloud_config` map as YAML. Heat dumps with PyYAML (keys sorted, block style);
 * heatshift writes the same document with the `yaml` package: the same data for cloud-init,
 * though long or multi-line strings may be quoted differently.
 */
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { PropertiesSchema, RegistryEntry } from "../types";
import { configAttributes, configResource } from "./SoftwareConfig";

export const properties: PropertiesSchema = {
  cloud_config: { type: "Map" },
};

/** The config text Heat builds from a cloud_config map. */
export function renderCloudConfig(cloudConfig: unknown): string {
  const body = cloudConfig === undefined || cloudConfig === null ? "null\n" : YAML.stringify(cloudConfig, { sortMapEntries: true, indentSeq: false });
  return `#cloud-config\n${body}`;
}

export const cloudConfigEntry: RegistryEntry = {
  type: "OS::Heat::CloudConfig",
  pulumiTypes: [],
  properties,
  attributes: configAttributes,
  create: (ctx) => configResource(pulumi.output(ctx.properties.cloud_config as pulumi.Input<Record<string, unknown>> | undefined).apply(renderCloudConfig)),
};
