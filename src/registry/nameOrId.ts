import * as pulumi from "@pulumi/pulumi";

/**
 * Heat decides "is this an ID or a name?" with oslo's `uuidutils.is_uuid_like`: after removing
 * `urn:` and `uuid:`, surrounding braces and hyphens, 32 hex digits in any case remain.
 */
export function isUuidLike(value: string): boolean {
  const hex = value
    .replace(/urn:/g, "")
    .replace(/uuid:/g, "")
    .replace(/^[{}]+|[{}]+$/g, "")
    .replace(/-/g, "");
  return /^[0-9a-fA-F]{32}$/.test(hex);
}

/**
 * Splits a Heat "name or ID" value into the provider's two arguments. A plain string gives exactly
 * one of them; an Output gives both as Outputs, the unused one resolving to `undefined`, which the
 * Pulumi SDK sends as "not set".
 */
export function splitNameOrId(
  value: pulumi.Input<string>,
  isId: (value: string) => boolean = isUuidLike,
): { id?: pulumi.Input<string>; name?: pulumi.Input<string> } {
  if (typeof value === "string") {
    return isId(value) ? { id: value } : { name: value };
  }
  const resolved = pulumi.output(value);
  return {
    id: resolved.apply((v) => (isId(v) ? v : undefined)) as pulumi.Output<string>,
    name: resolved.apply((v) => (isId(v) ? undefined : v)) as pulumi.Output<string>,
  };
}
