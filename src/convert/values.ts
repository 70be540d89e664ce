/**
 * Heat resources that are values, not cloud resources: OS::Heat::Value (its `value` coerced to its
 * `type`) and the software configs OS::Heat::SoftwareConfig, CloudConfig and MultipartMime (the
 * config text, which is also what `get_resource` of them gives in heatshift: see
 * src/registry/heat/SoftwareConfig.ts). Each becomes a `const` of the program, and `get_attr`/
 * `get_resource` of it read that const. The value is computed while converting when everything is
 * literal; otherwise the program calls the importer's own function (`valueOfType`,
 * `renderCloudConfig`, `renderMultipartMime`), so both give the same bytes.
 *
 * A value unit's binding has no Pulumi resource to wait for: its `object` is `""` (see
 * {@link VALUE_OBJECT}), and a dependent waits for what the value waits for.
 */
import { renderCloudConfig } from "../registry/heat/CloudConfig";
import { HeatValueTypes, valueOfType } from "../registry/heat/Value";
import { LoadedResource } from "../import/load";
import { callCode, Expr, literalExpr, PROGRAM_MODULE } from "./expressions";
import { IdentifierScope, isPropertyName } from "./identifiers";
import { EmitContext, Properties, Unit, UnitBinding } from "./units";

/** The `object` of a value's binding: no Pulumi resource stands for it. */
export const VALUE_OBJECT = "";

/** The `kind` of a value's unit (for the report; a value under a condition is `cond ? value : undefined`). */
export const VALUE_KIND = "const";

/** What a value resource is written as: its expression (problems recorded with `ctx.todo`). */
type ValueWriter = (props: Properties, ctx: EmitContext) => Expr;

interface ValueType {
  /** The attribute that reads the value (`value`, `config`). */
  readonly attribute: string;
  /** Whether `get_resource` gives the value too (software configs: heatshift's reference id is the text). */
  readonly isReference: boolean;
  /** The properties converted, and those the importer ignores as well (a config's `group`, `inputs`, `outputs`, `options`: for SoftwareDeployment). */
  readonly properties: readonly string[];
  readonly write: ValueWriter;
}

/** `fn(value)` on the expression: computed now when it is literal, else a plain call or `.apply`. */
function applied(value: Expr, compute: (plain: unknown) => unknown, call: (code: string) => string, parameter: string, ctx: EmitContext, name: string): Expr {
  if (value.literal) {
    try {
      return literalExpr(compute(value.literal.value));
    } catch {
      // The program then fails as the importer does, with the same error.
    }
  }
  ctx.importName(PROGRAM_MODULE, name);
  if (!value.output && value.holdsOutput !== true) return { code: call(value.code), output: false, refs: value.refs };
  const output = value.output ? value.code : `pulumi.output(${value.code})`;
  return { code: `${output}.apply((${parameter}) => ${call(parameter)})`, output: true, refs: value.refs };
}

/** OS::Heat::Value: the value, coerced to `type` as the importer's valueOfType does (registry/heat/Value.ts). */
const heatValue: ValueWriter = (props, ctx) => {
  const value = props.expr(ctx, "value", "") ?? literalExpr(null);
  const type = props.get("type");
  if (type === undefined) return value;
  if (typeof type !== "string") {
    ctx.todo(`resource ${props.resource.name}: a type computed by a function is not converted by heatshift convert`, props.resource.file, props.path("type"));
    return value;
  }
  const quoted = JSON.stringify(type);
  return applied(value, (plain) => valueOfType(plain, type as keyof HeatValueTypes), (code) => callCode("valueOfType", [code, quoted], ""), "value", ctx, "valueOfType");
};

/** OS::Heat::SoftwareConfig: the config text ("" when none). */
const softwareConfig: ValueWriter = (props, ctx) => props.expr(ctx, "config", "") ?? literalExpr("");

/** OS::Heat::CloudConfig: `#cloud-config` and the map as YAML (registry/heat/CloudConfig.ts). */
const cloudConfig: ValueWriter = (props, ctx) => {
  const map = props.expr(ctx, "cloud_config", "") ?? literalExpr(null);
  return applied(map, renderCloudConfig, (code) => callCode("renderCloudConfig", [code], ""), "cloudConfig", ctx, "renderCloudConfig");
};

/** OS::Heat::MultipartMime: the MIME message of the parts, by the importer's renderMultipartMime (registry/heat/MultipartMime.ts). */
const multipartMime: ValueWriter = (props, ctx) => {
  const parts = props.expr(ctx, "parts", "") ?? literalExpr([]);
  ctx.importName(PROGRAM_MODULE, "renderMultipartMime");
  if (!parts.output && parts.holdsOutput !== true) return { code: callCode("renderMultipartMime", [parts.code], ""), output: false, refs: parts.refs };
  return { code: `pulumi.output(${parts.code}).apply(renderMultipartMime)`, output: true, refs: parts.refs };
};

const VALUE_TYPES: Readonly<Record<string, ValueType>> = {
  "OS::Heat::Value": { attribute: "value", isReference: false, properties: ["value", "type"], write: heatValue },
  "OS::Heat::SoftwareConfig": { attribute: "config", isReference: true, properties: ["config", "group", "inputs", "outputs", "options"], write: softwareConfig },
  "OS::Heat::CloudConfig": { attribute: "config", isReference: true, properties: ["cloud_config"], write: cloudConfig },
  "OS::Heat::MultipartMime": { attribute: "config", isReference: true, properties: ["parts", "group"], write: multipartMime },
};

/** The HOT types written as a value. */
export const VALUE_TYPE_NAMES: readonly string[] = Object.keys(VALUE_TYPES).sort();

/** The unit of a value resource (`const name = ...;`), undefined for other types. */
export function valueUnit(r: LoadedResource, ids: IdentifierScope): Unit | undefined {
  const valueType = VALUE_TYPES[r.type];
  if (valueType === undefined) return undefined;
  const v = ids.allocate(r.name, "Value");
  // Written before any statement that reads it (units are emitted in dependency order).
  let written: Expr | undefined;
  const read = (path: readonly (string | number)[]): Expr | string => {
    if (written === undefined) return `${r.name} is read before it is written`;
    const access = path.map((p) => (typeof p === "string" && isPropertyName(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("");
    const refs = new Set([r.name, ...written.refs]);
    if (path.length === 0) return { code: v, output: written.output, refs, holdsOutput: written.holdsOutput };
    if (!written.output && written.holdsOutput !== true) return { code: `${v}${access}`, output: false, refs };
    // What the path reaches may be an Output, or inside one; a value under a condition may be undefined.
    const reached = r.definition.condition === undefined ? `value${access}` : `value?.${access.replace(/^\./, "")}`;
    return { code: `${written.output ? v : `pulumi.output(${v})`}.apply((value) => ${reached})`, output: true, refs };
  };
  const binding: UnitBinding = {
    object: VALUE_OBJECT,
    reference: () => (valueType.isReference ? read([]) : `get_resource of ${r.type} has no TypeScript form in heatshift convert`),
    attribute: (name, path) => (name === valueType.attribute ? read(path) : `attribute ${name} of ${r.type} has no TypeScript form in heatshift convert`),
  };
  return {
    members: [r],
    kind: VALUE_KIND,
    variable: v,
    bindings: new Map([[r.name, binding]]),
    emit: (ctx) => {
      const props = new Properties(r);
      const notes: string[] = [];
      for (const name of props.names().filter((n) => !valueType.properties.includes(n))) {
        notes.push(ctx.todo(`property ${name} of ${r.type} is not converted by heatshift convert`, r.file, props.path(name)));
      }
      const value = valueType.write(props, ctx);
      written = value;
      // No Pulumi resource: options (dependsOn, parent) have nothing to apply to; dependents wait for what the value waits for.
      return { refs: value.refs, render: () => [...notes, `const ${v} = ${value.code};`].join("\n") };
    },
  };
}
