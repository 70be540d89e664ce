/**
 * How HOT attributes are read from the Pulumi resource a registry entry creates, as data: the
 * importer's factories read them with `attributeReader`, and `heatshift convert` writes the same
 * reads as code (`volume.size.apply(String)`), so both give one value from one table.
 */
import * as pulumi from "@pulumi/pulumi";

/** One HOT attribute: a Pulumi output, passed through `apply` when Heat's value has another form. */
export interface AttributeOutput {
  /** The Pulumi output property, e.g. `availabilityZone`. */
  readonly output: string;
  /**
   * Makes Heat's value from the output: a global (`String`) or a named function exported by the
   * registry module of the type (the converter imports it by its name from there).
   * @default - the output as it is
   */
  readonly apply?: (value: never) => unknown;
}

/** The attributes of one type keyed by HOT attribute name. */
export type AttributeOutputs = Readonly<Record<string, AttributeOutput>>;

/** The attribute reader of a created resource: undefined for an attribute not in `outputs`. */
export function attributeReader(resource: pulumi.Resource, outputs: AttributeOutputs): (name: string) => pulumi.Output<unknown> | undefined {
  return (name) => {
    const spec = Object.prototype.hasOwnProperty.call(outputs, name) ? outputs[name] : undefined;
    if (spec === undefined) return undefined;
    const value = (resource as unknown as Record<string, pulumi.Output<unknown>>)[spec.output];
    return spec.apply === undefined ? value : value.apply(spec.apply as (value: unknown) => unknown);
  };
}
