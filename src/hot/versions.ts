/**
 * Every `heat_template_version` Heat 19 accepts (setup.cfg `heat.templates`), by date and by release
 * name, with the sections and keys each allows (heat/engine/hot/template.py, hot/parameters.py).
 * The functions of each version live in functions/index.ts; this file holds everything else.
 */
import { HotError } from "./diagnostics";
import type { HotMap } from "./parse";

/** Canonical version dates, oldest first. */
export const HOT_VERSION_DATES = [
  "2013-05-23",
  "2014-10-16",
  "2015-04-30",
  "2015-10-15",
  "2016-04-08",
  "2016-10-14",
  "2017-02-24",
  "2017-09-01",
  "2018-03-02",
  "2018-08-31",
  "2021-04-16",
] as const;

/** A canonical HOT version date. */
export type HotVersionDate = (typeof HOT_VERSION_DATES)[number];

/** Release names Heat accepts as versions (none before newton). */
export const HOT_RELEASE_NAMES: Readonly<Record<string, HotVersionDate>> = {
  newton: "2016-10-14",
  ocata: "2017-02-24",
  pike: "2017-09-01",
  queens: "2018-03-02",
  rocky: "2018-08-31",
  wallaby: "2021-04-16",
};

/** The deletion policy Heat stores, whatever case the template used. */
export type DeletionPolicy = "Delete" | "Retain" | "Snapshot";

/** What one template version allows, besides its functions. */
export interface HotVersion {
  /** The canonical date, e.g. `2016-10-14` (also for `newton`). */
  readonly date: HotVersionDate;
  /** The value as the template wrote it (`newton` or `2016-10-14`). */
  readonly written: string;
  /** Heat's class for this version (HOTemplate20161014), for docs and messages. */
  readonly heatClass: string;
  /** Allowed top-level keys. */
  readonly sections: readonly string[];
  /** Allowed keys of a resource definition. */
  readonly resourceKeys: readonly string[];
  /** Allowed keys of an output definition. */
  readonly outputKeys: readonly string[];
  /** Allowed keys of a parameter definition. */
  readonly parameterKeys: readonly string[];
  /** Accepted deletion_policy spellings and what they mean. */
  readonly deletionPolicies: Readonly<Record<string, DeletionPolicy>>;
  /** The `conditions` section and resource/output `condition` (2016-10-14 on). */
  readonly hasConditions: boolean;
  /** The `modulo` parameter constraint (2017-02-24 on). */
  readonly hasModulo: boolean;
  /** The parameter key `tags` (2018-03-02 on). */
  readonly hasParameterTags: boolean;
}

const atLeast = (date: HotVersionDate, since: HotVersionDate) => date >= since;

/** The rules of a version, by canonical date or release name; undefined for anything Heat rejects. */
export function hotVersion(written: string): HotVersion | undefined {
  const date = (HOT_VERSION_DATES as readonly string[]).includes(written)
    ? (written as HotVersionDate)
    : Object.prototype.hasOwnProperty.call(HOT_RELEASE_NAMES, written)
      ? HOT_RELEASE_NAMES[written]
      : undefined;
  if (date === undefined) return undefined;
  const conditions = atLeast(date, "2016-10-14");
  const tags = atLeast(date, "2018-03-02");
  const policies: Record<string, DeletionPolicy> = { Delete: "Delete", Retain: "Retain", Snapshot: "Snapshot" };
  if (conditions) Object.assign(policies, { delete: "Delete", retain: "Retain", snapshot: "Snapshot" });
  return {
    date,
    written,
    heatClass: "HOTemplate" + date.replace(/-/g, ""),
    sections: [
      "heat_template_version",
      "description",
      "parameter_groups",
      "parameters",
      "resources",
      "outputs",
      ...(conditions ? ["conditions"] : []),
    ],
    resourceKeys: [
      "type",
      "properties",
      "metadata",
      "depends_on",
      "deletion_policy",
      "update_policy",
      "description",
      ...(conditions ? ["external_id", "condition"] : []),
    ],
    outputKeys: ["description", "value", ...(conditions ? ["condition"] : [])],
    parameterKeys: [
      "type",
      "description",
      "default",
      "schema",
      "constraints",
      "hidden",
      "label",
      "immutable",
      ...(tags ? ["tags"] : []),
    ],
    deletionPolicies: policies,
    hasConditions: conditions,
    hasModulo: atLeast(date, "2017-02-24"),
    hasParameterTags: tags,
  };
}

const VERSION_KEYS = ["heat_template_version", "HeatTemplateFormatVersion", "AWSTemplateFormatVersion"];

/** Every value Heat lists in its "should be one of" message, in its (sorted) order. */
export function acceptedVersionValues(): string[] {
  return [...HOT_VERSION_DATES, ...Object.keys(HOT_RELEASE_NAMES)].sort();
}

/**
 * Heat's `get_version` + `get_template_class` for a parsed root: exactly one version key with a
 * string value, naming a HOT version. Throws a HotError in Heat's words otherwise.
 */
export function detectVersion(root: HotMap, file: string): HotVersion {
  const present = VERSION_KEYS.filter((k) => typeof root[k] === "string");
  if (present.length > 1) {
    throw new HotError(`The template version is invalid: Ambiguous versions (${present.join(", ")})`, file, [present[1]], "error", {
      target: "key",
    });
  }
  if (present.length === 0) {
    const nonString = VERSION_KEYS.find((k) => k in root);
    const found = nonString ? ` (${nonString} is ${JSON.stringify(root[nonString])}, not a string: quote it)` : "";
    throw new HotError(`The template version is invalid: Template version was not provided${found}`, file, nonString ? [nonString] : []);
  }
  const key = present[0];
  const value = root[key] as string;
  if (key !== "heat_template_version") {
    throw new HotError(
      `${key}: ${value} is a CloudFormation-format template; heatshift reads HOT templates (heat_template_version) only`,
      file,
      [key],
    );
  }
  const version = hotVersion(value);
  if (!version) {
    throw new HotError(
      `The template version is invalid: "heat_template_version: ${value}". "heat_template_version" should be one of: ${acceptedVersionValues().join(", ")}`,
      file,
      [key],
    );
  }
  return version;
}
