/**
 * OS::Cinder::VolumeAttachment → openstack.compute.VolumeAttach
 * (heat/engine/resources/openstack/cinder/volume.py CinderVolumeAttachment: Heat attaches through Nova too).
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { PropertiesSchema, RegistryEntry } from "../types";

export const properties: PropertiesSchema = {
  instance_uuid: { type: "String", required: true, updateAllowed: true },
  volume_id: { type: "String", required: true, updateAllowed: true },
  mountpoint: { type: "String", updateAllowed: true },
};

export const volumeAttachmentEntry: RegistryEntry = {
  type: "OS::Cinder::VolumeAttachment",
  pulumiTypes: ["openstack:compute/volumeAttach:VolumeAttach"],
  properties,
  attributes: {},
  create(ctx) {
    const p = ctx.properties;
    const attachment = new openstack.compute.VolumeAttach(
      ctx.logicalName,
      {
        instanceId: p.instance_uuid as pulumi.Input<string>,
        volumeId: p.volume_id as pulumi.Input<string>,
        device: p.mountpoint as pulumi.Input<string> | undefined,
      },
      ctx.options,
    );
    return { referenceId: attachment.id, resources: [attachment], attribute: () => undefined };
  },
};
