import type * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { pythonJsonDumps } from "../../hot/functions/python";
import { isUuidLike, splitNameOrId } from "../nameOrId";

/** OS::Nova::Server → openstack.compute.Instance (heat/engine/resources/openstack/nova/server.py). */
export const hotType = "OS::Nova::Server";
export const pulumiType = "openstack:compute/instance:Instance";

/** Heat's `user_data_format` values; Heat's default is `HEAT_CFNTOOLS` (config `default_user_data_format`). */
export const userDataFormats = ["HEAT_CFNTOOLS", "RAW", "SOFTWARE_CONFIG"] as const;
export type UserDataFormat = (typeof userDataFormats)[number];

/** One entry of a server's `networks`: a network to create a port on, or an existing port. */
export interface ServerNetwork {
  /** Name or ID of the network to create a port on (Heat's `network`). */
  readonly network?: pulumi.Input<string>;
  /** ID of an existing port (Heat's `port`). */
  readonly port?: pulumi.Input<string>;
  /** Fixed IP for the port created on `network`; Heat ignores it when `port` is given. */
  readonly fixedIp?: pulumi.Input<string>;
}

/**
 * The user_data Nova receives for `format`. RAW passes it verbatim (nova.py `build_userdata`);
 * the other formats wrap it in a multipart MIME of Heat's own boot scripts, which heatshift does
 * not build.
 */
export function userDataFor(format: UserDataFormat, userData: pulumi.Input<string>): pulumi.Input<string> {
  if (format !== "RAW") {
    throw new Error(
      `user_data_format ${format} is not supported: heatshift passes user_data to Nova unchanged, which is Heat's RAW; ` +
        "use RAW (and move software configuration into the user_data script)",
    );
  }
  return userData;
}

/**
 * Heat's rule that security groups cannot be given to a server whose networks name explicit ports
 * (server.py `_validate_network`): the groups belong on the ports.
 */
export function validateNetworks(networks: readonly ServerNetwork[], securityGroups: readonly unknown[], where: string): void {
  networks.forEach((entry, index) => {
    if ((entry.network === undefined) === (entry.port === undefined)) {
      throw new Error(
        `${where}.networks[${index}] has ${entry.network === undefined ? "neither" : "both"} network and port; ` +
          "give exactly one: network (name or ID) to create a port, or port (ID) to use an existing one",
      );
    }
  });
  if (securityGroups.length > 0 && networks.some((entry) => entry.port !== undefined)) {
    throw new Error(
      `${where}.securityGroups cannot be combined with networks given by port (Heat: ResourcePropertyConflict ` +
        "security_groups/networks/port); put the security groups on the port instead",
    );
  }
}

/**
 * The provider's network entry for a Heat network entry: an existing port by ID; otherwise the
 * network by UUID (when the value looks like one) or by name, which the provider resolves, with
 * the fixed IP as v4 or v6 as Heat decides (`netutils.is_valid_ipv6`).
 */
export function instanceNetworkArgs(entry: ServerNetwork): pulumi.Input<openstack.types.input.compute.InstanceNetwork> {
  if (entry.port !== undefined) {
    return { port: entry.port };
  }
  return pulumi.all([entry.network as pulumi.Input<string>, entry.fixedIp]).apply(([network, fixedIp]) => ({
    ...(isUuidLike(network) ? { uuid: network } : { name: network }),
    ...(fixedIp === undefined ? {} : fixedIp.includes(":") ? { fixedIpV6: fixedIp } : { fixedIpV4: fixedIp }),
  }));
}

/**
 * Heat resolves `image` by ID or name (Glance); the provider takes `imageId` or `imageName`.
 * Glance IDs are UUIDs, so a UUID-like value is taken as the ID.
 */
export function imageArgs(image: pulumi.Input<string>): { imageId?: pulumi.Input<string>; imageName?: pulumi.Input<string> } {
  const { id, name } = splitNameOrId(image);
  return { ...(id === undefined ? {} : { imageId: id }), ...(name === undefined ? {} : { imageName: name }) };
}

/**
 * Heat resolves `flavor` by ID first, then by name (nova.py `get_flavor`); the provider takes
 * `flavorId` or `flavorName`. Nova flavor IDs are UUIDs or small integers, so those are taken as IDs.
 */
export function flavorArgs(flavor: pulumi.Input<string>): { flavorId?: pulumi.Input<string>; flavorName?: pulumi.Input<string> } {
  const { id, name } = splitNameOrId(flavor, (v) => isUuidLike(v) || /^[0-9]+$/.test(v));
  return { ...(id === undefined ? {} : { flavorId: id }), ...(name === undefined ? {} : { flavorName: name }) };
}

/**
 * Heat's `first_address` (nova.py `server_to_ipaddress`): the server's networks are keyed by
 * network name and taken in *reverse* sorted order; the first address of the first network that
 * has one wins; `""` when none has.
 */
export function firstAddress(networks: readonly openstack.types.output.compute.InstanceNetwork[]): string {
  const byName = new Map<string, string[]>();
  for (const nic of networks) {
    const addresses = byName.get(nic.name) ?? [];
    addresses.push(...[nic.fixedIpV4, nic.fixedIpV6].filter((a): a is string => typeof a === "string" && a !== ""));
    byName.set(nic.name, addresses);
  }
  const names = [...byName.keys()].sort().reverse();
  for (const name of names) {
    const addresses = byName.get(name) as string[];
    if (addresses.length > 0) {
      return addresses[0];
    }
  }
  return "";
}

/**
 * The metadata Nova receives (nova.py `meta_serialize`): Nova takes string values only, so Heat
 * sends every other value as JSON (`jsonutils.dumps`: Python's separators, keys in given order).
 */
export function novaMetadata(metadata: pulumi.Input<Record<string, unknown>>): pulumi.Output<Record<string, string>> {
  return pulumi.output(metadata).apply((values) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : pythonJsonDumps(value, false)])),
  );
}

// ---- Registry entry (heatshift importer): Heat's schema, attributes and the factory. ----
import * as openstackProvider from "@pulumi/openstack";
import { attributeReader, AttributeOutputs } from "../attributeOutputs";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";
import { isEmptyMap, withUnmapped } from "../properties";
import { serverHiddenDependencies } from "../neutron/hiddenDependencies";
import { portExtraPropertiesSchema } from "../neutron/Port";
export const heatProperties: PropertiesSchema = {
  name: { type: "String", updateAllowed: true },
  image: { type: "String", updateAllowed: true },
  block_device_mapping: { type: "List", items: { type: "Map", keys: {
      device_name: { type: "String", required: true },
      volume_id: { type: "String" },
      snapshot_id: { type: "String" },
      volume_size: { type: "Integer" },
      delete_on_termination: { type: "Boolean" },
    } } },
  block_device_mapping_v2: { type: "List", items: { type: "Map", keys: {
      device_name: { type: "String" },
      volume_id: { type: "String" },
      image: { type: "String" },
      snapshot_id: { type: "String" },
      swap_size: { type: "Integer" },
      ephemeral_size: { type: "Integer", range: {min: 1} },
      ephemeral_format: { type: "String", allowed: ["ext2", "ext3", "ext4", "xfs", "ntfs"] },
      device_type: { type: "String", allowed: ["cdrom", "disk"] },
      disk_bus: { type: "String", allowed: ["ide", "lame_bus", "scsi", "usb", "virtio"] },
      boot_index: { type: "Integer" },
      volume_size: { type: "Integer" },
      delete_on_termination: { type: "Boolean" },
    } } },
  flavor: { type: "String", required: true, updateAllowed: true },
  flavor_update_policy: { type: "String", default: "RESIZE", allowed: ["RESIZE", "REPLACE"], updateAllowed: true },
  image_update_policy: { type: "String", default: "REBUILD", allowed: ["REBUILD", "REPLACE", "REBUILD_PRESERVE_EPHEMERAL"], updateAllowed: true },
  key_name: { type: "String" },
  availability_zone: { type: "String" },
  security_groups: { type: "List", default: [] },
  networks: { type: "List", updateAllowed: true, items: { type: "Map", keys: {
      network: { type: "String" },
      allocate_network: { type: "String", allowed: ["none", "auto"], updateAllowed: true },
      fixed_ip: { type: "String" },
      port: { type: "String" },
      port_extra_properties: { type: "Map", keys: portExtraPropertiesSchema },
      subnet: { type: "String" },
      floating_ip: { type: "String" },
      tag: { type: "String" },
    } } },
  scheduler_hints: { type: "Map" },
  metadata: { type: "Map", default: {}, updateAllowed: true },
  user_data_format: { type: "String", default: "HEAT_CFNTOOLS", allowed: ["HEAT_CFNTOOLS", "RAW", "SOFTWARE_CONFIG"] },
  software_config_transport: { type: "String", default: "POLL_SERVER_CFN", allowed: ["POLL_SERVER_CFN", "POLL_SERVER_HEAT", "POLL_TEMP_URL", "ZAQAR_MESSAGE"], updateAllowed: true },
  user_data_update_policy: { type: "String", default: "REPLACE", allowed: ["REPLACE", "IGNORE", "REBUILD"], updateAllowed: true },
  user_data: { type: "String", default: "", updateAllowed: true },
  reservation_id: { type: "String" },
  config_drive: { type: "Boolean" },
  diskConfig: { type: "String", allowed: ["AUTO", "MANUAL"] },
  personality: { type: "Map", default: {} },
  admin_pass: { type: "String", updateAllowed: true },
  tags: { type: "List", updateAllowed: true, items: { type: "String" } },
  deployment_swift_data: { type: "Map", default: {}, updateAllowed: true, keys: {
      container: { type: "String", length: {min: 1} },
      object: { type: "String", length: {min: 1} },
    } },
};
const heatAttributeList: Readonly<Record<string, AttributeSpec>> = {
  name: { description: "Name of the server." },
  addresses: { description: "A dict of all network addresses with corresponding port_id and subnets." },
  networks: { description: "A dict of assigned network addresses of the form: {\"public\": [ip1, ip2...], \"private\": [ip3, ip4], \"public_uuid\": [ip1, ip2...], \"private_uuid\": [ip3, ip4]}." },
  first_address: { description: "Convenience attribute to fetch the first assigned network address, or an empty string if nothing has been assigned at this time." }, // HIDDEN
  instance_name: { description: "AWS compatible instance name." },
  accessIPv4: { description: "The manually assigned alternative public IPv4 address of the server." }, // DEPRECATED
  accessIPv6: { description: "The manually assigned alternative public IPv6 address of the server." }, // DEPRECATED
  console_urls: { description: "URLs of server's consoles." },
  tags: { description: "Tags from the server." },
  os_collect_config: { description: "The os-collect-config configuration for the server's local agent to be configured to connect to Heat to retrieve deployment data." },
};

/**
 * Heat's `networks` attribute: the addresses of the server keyed by network name and by network
 * ID (server.py `_extend_networks`), from the instance's network entries.
 */
export function networkAddresses(networks: readonly openstack.types.output.compute.InstanceNetwork[]): Record<string, string[]> {
  const byNetwork: Record<string, string[]> = {};
  for (const nic of networks) {
    const addresses = [nic.fixedIpV4, nic.fixedIpV6].filter((a): a is string => typeof a === "string" && a !== "");
    for (const key of [nic.name, nic.uuid]) if (key) (byNetwork[key] ??= []).push(...addresses);
  }
  return byNetwork;
}

/** The mapped attributes, read from the Instance's outputs (the converter writes the same reads). */
export const attributeOutputs: AttributeOutputs = {
  name: { output: "name" },
  first_address: { output: "networks", apply: firstAddress },
  networks: { output: "networks", apply: networkAddresses },
  accessIPv4: { output: "accessIpV4" },
  accessIPv6: { output: "accessIpV6" },
  tags: { output: "tags" },
};

const serverAttributes = withUnmapped(heatAttributeList, Object.keys(attributeOutputs), "Pulumi's Instance does not expose it");

export const registryEntry: RegistryEntry = {
  type: hotType,
  pulumiTypes: [pulumiType],
  // admin_user is Heat's hidden, ignored property: accepted, and reported as not passed on.
  properties: { ...heatProperties, admin_user: { type: "String" } },
  renamed: [{ at: ["networks", "*"], from: "uuid", to: "network" }],
  mappedProperties: [
    "name", "image", "flavor", "key_name", "networks", "security_groups", "user_data", "user_data_format", "availability_zone",
    "metadata", "config_drive", "tags", "admin_pass",
    // Heat-side update policies: they decide how Heat applies a change, which Pulumi's diff decides instead.
    "flavor_update_policy", "image_update_policy", "user_data_update_policy", "software_config_transport",
  ],
  attributes: serverAttributes,
  hiddenDependencies: serverHiddenDependencies,
  validate(props) {
    const networks = Array.isArray(props.networks) ? (props.networks as Record<string, unknown>[]).filter((n) => n.allocate_network === undefined) : [];
    const subnetOnly = networks.findIndex((n) => n.subnet !== undefined && n.network === undefined && n.port === undefined);
    if (subnetOnly >= 0) {
      return [{
        message: `networks[${subnetOnly}] gives only a subnet: Heat then creates a port on it, Pulumi's Instance cannot; add the subnet's network (network: ...), or create an OS::Neutron::Port with fixed_ips on the subnet and use port`,
        path: ["networks", subnetOnly],
      }];
    }
    try {
      validateNetworks(
        networks.map((n) => ({ network: n.network as string | undefined, port: n.port as string | undefined })),
        Array.isArray(props.security_groups) ? props.security_groups : [],
        "OS::Nova::Server",
      );
      if (props.user_data !== "" && props.user_data !== undefined) userDataFor(props.user_data_format as UserDataFormat, "");
    } catch (error) {
      return [{ message: (error as Error).message, path: [] }];
    }
    return [];
  },
  create(ctx) {
    const p = ctx.properties;
    // `allocate_network: auto|none` asks Nova to pick (or skip) the network: Pulumi's networkMode.
    const allocation = ((p.networks as Record<string, unknown>[] | undefined) ?? []).find((n) => n.allocate_network !== undefined);
    const networks = ((p.networks as Record<string, unknown>[] | undefined) ?? []).filter((n) => n.allocate_network === undefined).map((n) =>
      instanceNetworkArgs({
        network: n.network as pulumi.Input<string> | undefined,
        port: n.port as pulumi.Input<string> | undefined,
        fixedIp: n.fixed_ip as pulumi.Input<string> | undefined,
      }),
    );
    const securityGroups = (p.security_groups as pulumi.Input<string>[] | undefined) ?? [];
    const userData = p.user_data as pulumi.Input<string>;
    const instance = new openstackProvider.compute.Instance(
      ctx.logicalName,
      {
        ...(p.name === undefined ? {} : { name: p.name as pulumi.Input<string> }),
        // An adopted server (external_id) may give neither: Heat does not check its properties.
        ...(p.image === undefined ? {} : imageArgs(p.image as pulumi.Input<string>)),
        ...(p.flavor === undefined ? {} : flavorArgs(p.flavor as pulumi.Input<string>)),
        ...(p.key_name === undefined ? {} : { keyPair: p.key_name as pulumi.Input<string> }),
        networks,
        ...(allocation === undefined ? {} : { networkMode: allocation.allocate_network as pulumi.Input<string> }),
        ...(securityGroups.length === 0 ? {} : { securityGroups: [...securityGroups] }),
        ...(userData === "" ? {} : { userData: userDataFor(p.user_data_format as UserDataFormat, userData) }),
        ...(p.availability_zone === undefined ? {} : { availabilityZone: p.availability_zone as pulumi.Input<string> }),
        ...(isEmptyMap(p.metadata) ? {} : { metadata: novaMetadata(p.metadata as pulumi.Input<Record<string, unknown>>) }),
        ...(p.config_drive === undefined ? {} : { configDrive: p.config_drive as pulumi.Input<boolean> }),
        ...(p.tags === undefined ? {} : { tags: p.tags as pulumi.Input<pulumi.Input<string>[]> }),
        ...(p.admin_pass === undefined ? {} : { adminPass: p.admin_pass as pulumi.Input<string> }),
      },
      ctx.options,
    );
    return { referenceId: instance.id, resources: [instance], attribute: attributeReader(instance, attributeOutputs) };
  },
};
