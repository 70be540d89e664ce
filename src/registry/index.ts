/**
 * The registry: every HOT resource type heatshift can import, keyed by type. Users add or
 * replace mappings with `register()`; the importer, `validate` and `plan` all look types up here.
 */
import { volumeEntry } from "./cinder/Volume";
import { volumeAttachmentEntry } from "./cinder/VolumeAttachment";
import { cloudConfigEntry } from "./heat/CloudConfig";
import { multipartMimeEntry } from "./heat/MultipartMime";
import { resourceGroupEntry } from "./heat/ResourceGroup";
import { softwareConfigEntry } from "./heat/SoftwareConfig";
import { valueEntry } from "./heat/Value";
import { waitConditionEntry } from "./heat/WaitCondition";
import { waitConditionHandleEntry } from "./heat/WaitConditionHandle";
import { securityGroupRuleEntry } from "./neutron/SecurityGroupRule";
import { seedEntries } from "./seed";
import { keyPairEntry } from "./nova/KeyPair";
import { RegistryEntry } from "./types";

export * from "./types";

/** A set of registry entries keyed by HOT type. */
export class ResourceRegistry {
  private readonly entries = new Map<string, RegistryEntry>();

  constructor(entries: readonly RegistryEntry[] = []) {
    entries.forEach((e) => this.register(e));
  }

  /**
   * Adds a mapping, or replaces the one for the same type (a user's own mapping wins over the
   * built-in one).
   */
  register(entry: RegistryEntry): void {
    if (typeof entry.type !== "string" || !/^[A-Za-z0-9]+(::[A-Za-z0-9_]+)+$/.test(entry.type)) {
      throw new Error(`register: type ${JSON.stringify(entry.type)} is not a HOT resource type name; expected e.g. "My::Company::Thing"`);
    }
    if (typeof entry.create !== "function") {
      throw new Error(`register(${entry.type}): create must be a function building the Pulumi resources`);
    }
    this.entries.set(entry.type, entry);
  }

  /** The entry for a type, or undefined. */
  get(type: string): RegistryEntry | undefined {
    return this.entries.get(type);
  }

  /** Every registered type, sorted. */
  types(): string[] {
    return [...this.entries.keys()].sort();
  }
}

/** The built-in registry. */
export const registry = new ResourceRegistry([
  ...seedEntries,
  keyPairEntry,
  volumeEntry,
  volumeAttachmentEntry,
  securityGroupRuleEntry,
  softwareConfigEntry,
  cloudConfigEntry,
  multipartMimeEntry,
  resourceGroupEntry,
  waitConditionHandleEntry,
  waitConditionEntry,
  valueEntry,
]);

/** Registers a mapping in the built-in registry (see {@link ResourceRegistry.register}). */
export function register(entry: RegistryEntry): void {
  registry.register(entry);
}
