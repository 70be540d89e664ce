/**
 * OS::Cinder::Volume → openstack.blockstorage.Volume (heat/engine/resources/openstack/cinder/volume.py).
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { attributeReader, AttributeOutputs } from "../attributeOutputs";
import { withUnmapped } from "../properties";
import { AttributeSpec, PropertiesSchema, PropertyProblem, RegistryEntry } from "../types";

export const properties: PropertiesSchema = {
  availability_zone: { type: "String" },
  size: { type: "Integer", range: { min: 1 }, updateAllowed: true },
  snapshot_id: { type: "String" },
  backup_id: { type: "String", updateAllowed: true },
  name: { type: "String", updateAllowed: true },
  description: { type: "String", updateAllowed: true },
  volume_type: { type: "String", updateAllowed: true },
  metadata: { type: "Map", default: {}, updateAllowed: true },
  image: { type: "String" },
  source_volid: { type: "String" },
  scheduler_hints: { type: "Map" },
  read_only: { type: "Boolean", updateAllowed: true },
};

/** Heat's `metadata` attribute: the volume's metadata as a JSON string. */
export function metadataJson(metadata: Readonly<Record<string, string>> | undefined): string {
  return JSON.stringify(metadata ?? {});
}

/** The mapped attributes, read from the Volume's outputs (the converter writes the same reads). */
export const attributeOutputs: AttributeOutputs = {
  availability_zone: { output: "availabilityZone" },
  size: { output: "size", apply: String },
  snapshot_id: { output: "snapshotId" },
  display_name: { output: "name" },
  display_description: { output: "description" },
  volume_type: { output: "volumeType" },
  metadata: { output: "metadata", apply: metadataJson },
  metadata_values: { output: "metadata" },
  source_volid: { output: "sourceVolId" },
  attachments_list: { output: "attachments" },
};

const heatAttributes: Readonly<Record<string, AttributeSpec>> = {
  availability_zone: { description: "The availability zone of the volume." },
  size: { description: "The size of the volume in GB." },
  snapshot_id: { description: "The snapshot the volume was created from, if any." },
  display_name: { description: "The name of the volume." },
  display_description: { description: "The description of the volume." },
  volume_type: { description: "The volume type (backend)." },
  metadata: { description: "The metadata of the volume, as a JSON string." },
  metadata_values: { description: "The metadata of the volume, as a map." },
  source_volid: { description: "The volume this one was copied from, if any." },
  status: { description: "The status of the volume." },
  created_at: { description: "When the volume was created." },
  bootable: { description: "Whether the volume can be booted." },
  encrypted: { description: "Whether the volume is encrypted." },
  attachments: { description: "The attachments, as a string (deprecated)." },
  attachments_list: { description: "The attachments of the volume." },
  multiattach: { description: "Whether the volume may be attached more than once." },
};

export const attributes = withUnmapped(heatAttributes, Object.keys(attributeOutputs), "Pulumi's Volume does not expose it");

export const volumeEntry: RegistryEntry = {
  type: "OS::Cinder::Volume",
  pulumiTypes: ["openstack:blockstorage/volume:Volume"],
  properties,
  renamed: [{ at: [], from: "imageRef", to: "image" }],
  attributes,
  supportsSnapshot: true,
  validate(props) {
    const problems: PropertyProblem[] = [];
    const sources = ["size", "snapshot_id", "source_volid", "backup_id", "image"];
    if (sources.every((key) => props[key] === undefined)) {
      problems.push({ message: `OS::Cinder::Volume needs one of ${sources.join(", ")} (Heat: the size is taken from the source otherwise)`, path: [] });
    }
    if (props.read_only !== undefined) {
      problems.push({ message: `OS::Cinder::Volume "read_only" cannot be set by Pulumi's openstack.blockstorage.Volume; remove it`, path: ["read_only"] });
    }
    return problems;
  },
  create(ctx) {
    const p = ctx.properties;
    const volume = new openstack.blockstorage.Volume(
      ctx.logicalName,
      {
        size: p.size as pulumi.Input<number>,
        name: p.name as pulumi.Input<string> | undefined,
        description: p.description as pulumi.Input<string> | undefined,
        availabilityZone: p.availability_zone as pulumi.Input<string> | undefined,
        volumeType: p.volume_type as pulumi.Input<string> | undefined,
        metadata: p.metadata as pulumi.Input<Record<string, pulumi.Input<string>>>,
        imageId: p.image as pulumi.Input<string> | undefined,
        snapshotId: p.snapshot_id as pulumi.Input<string> | undefined,
        sourceVolId: p.source_volid as pulumi.Input<string> | undefined,
        backupId: p.backup_id as pulumi.Input<string> | undefined,
        schedulerHints:
          p.scheduler_hints === undefined
            ? undefined
            : [{ additionalProperties: p.scheduler_hints as pulumi.Input<Record<string, pulumi.Input<string>>> }],
      },
      ctx.options,
    );
    return {
      referenceId: volume.id,
      resources: [volume],
      attribute: attributeReader(volume, attributeOutputs),
    };
  },
};
