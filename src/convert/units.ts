/**
 * A unit is what one statement of the generated program creates: a heatshift component standing
 * for a group of HOT resources, or one plain `@pulumi/openstack` resource. The converter orders
 * units by Heat's dependency graph and adds `dependsOn` only for edges no reference carries.
 */
import { NodePath } from "../hot/diagnostics";
import { FunctionNode, Snippet } from "../hot/functions/types";
import { LoadedResource } from "../import/load";
import { renameDeprecated } from "../registry/properties";
import { convertedBy, Expr, ExpressionScope, literalExpr, ResourceBinding, snippetExpr } from "./expressions";

/** How one HOT resource is seen from the rest of the program. */
export interface UnitBinding extends ResourceBinding {
  /** The Pulumi resource (or component) dependents wait for when no reference carries the edge. */
  readonly object: string;
}

/** What a unit's statement needs while it is written. */
export interface EmitContext {
  readonly scope: ExpressionScope;
  /** Adds a named import, e.g. `("heatshift/components", "PrivateNetwork")`. */
  importName(module: string, name: string): void;
  /** Adds a namespace import, e.g. `("@pulumi/openstack", "openstack")`. */
  importNamespace(module: string, alias: string): void;
  /** The binding of a converted resource (WaitCondition needs its handle object, not its ID). */
  binding(name: string): UnitBinding | undefined;
  /** Records a construct with no TypeScript form (an error, or a warning); returns the `// TODO(heatshift)` line. */
  todo(message: string, file: string, path: NodePath): string;
}

/** A written statement, with the HOT resources its expressions reference. */
export interface UnitCode {
  /** The HOT resources the statement reads through references (those edges need no `dependsOn`). */
  readonly refs: ReadonlySet<string>;
  /** The statement, given the resource options object written as code (`undefined` when none). */
  render(options: string | undefined): string;
}

/** One statement of the generated program. */
export interface Unit {
  /** The HOT resources it stands for, in template order. */
  readonly members: readonly LoadedResource[];
  /** For the report: `component PrivateNetwork` or the Pulumi class, `openstack.networking.Port`. */
  readonly kind: string;
  /** The variable the statement declares. */
  readonly variable: string;
  readonly bindings: ReadonlyMap<string, UnitBinding>;
  emit(ctx: EmitContext): UnitCode;
}

/** A resource's properties with Heat's deprecated names translated, and where each one is written. */
export class Properties {
  readonly values: Readonly<Record<string, Snippet>>;

  constructor(readonly resource: LoadedResource) {
    const given = (resource.properties ?? {}) as Record<string, Snippet>;
    this.values = resource.entry ? (renameDeprecated(resource.entry, given, []) as Record<string, Snippet>) : given;
  }

  /** The names set (not null). */
  names(): string[] {
    return Object.keys(this.values).filter((k) => this.values[k] !== null && this.values[k] !== undefined);
  }

  get(name: string): Snippet | undefined {
    const v = this.values[name];
    return v === null ? undefined : v;
  }

  /** Where property `name` is written (its deprecated name when that is what the template uses). */
  path(name: string, ...sub: (string | number)[]): NodePath {
    const given = (this.resource.properties ?? {}) as Record<string, unknown>;
    const written = name in given ? name : (this.resource.entry?.renamed ?? []).find((r) => r.at.length === 0 && r.to === name && r.from in given)?.from ?? name;
    return [...this.resource.definition.path, "properties", written, ...sub];
  }

  /** Whether the property is a number: an Integer or Number of the type's schema, or a nested template's number parameter. */
  private isNumber(name: string): boolean {
    const type = this.resource.entry?.properties[name]?.type;
    return type === "Integer" || type === "Number" || this.resource.nested?.template.parameters.get(name)?.type === "number";
  }

  /** The property as an expression (undefined when not set); text given to an Integer or Number property is a number, as Heat converts it. */
  expr(ctx: EmitContext, name: string, indent: string): Expr | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const e = snippetExpr(v, ctx.scope, this.resource.file, this.path(name), indent);
    // Heat counts a property whose value resolves to null as not set (its default applies); the
    // loader has warned that the attribute reads as null.
    if (e.unreadableAttribute) return undefined;
    if (!this.isNumber(name)) return e;
    // A literal is converted now; a text that is not one is a ResourceGroup's index (groups.ts).
    if (typeof v === "string") return v.trim() !== "" && Number.isFinite(Number(v)) ? literalExpr(Number(v)) : convertedBy(e, "Number");
    return readsText(v, ctx) ? convertedBy(e, "Number") : e;
  }
}

/** Whether a snippet reads text from a parameter: a string parameter, or an item of a comma_delimited_list. */
function readsText(snippet: Snippet, ctx: EmitContext): boolean {
  if (!(snippet instanceof FunctionNode) || snippet.fnName !== "get_param") return false;
  const [name, ...path] = Array.isArray(snippet.args) ? snippet.args : [snippet.args];
  const type = typeof name === "string" ? ctx.scope.parameterType(name) : undefined;
  return path.length === 0 ? type === "string" : path.length === 1 && type === "comma_delimited_list";
}

/** The statement's options argument: `, { dependsOn: [...] }` or nothing. */
export function optionsArgument(options: string | undefined): string {
  return options === undefined ? "" : `, ${options}`;
}
