/**
 * OS::Heat::ResourceGroup as a loop: `count` members made by `Array.from`, each the statement of
 * its member type (resources.ts) with the index variable (`index_var`, default `%index%`)
 * replaced by the loop index in every string of its properties, named `<group>-<index>` as the
 * run-time import names them. The group's attributes become arrays (or maps) of the members'
 * outputs: `refs`, `refs_map`, `attributes`, `resource.N[.attr]`, `removed_rsrc_list` and any
 * member attribute (a list over the members).
 */
import * as path from "path";
import { FunctionNode, Snippet } from "../hot/functions/types";
import { LoadedResource, LoadedStack } from "../import/load";
import { registry as builtinRegistry } from "../registry/index";
import { escapeTemplateText, Expr, indentCode } from "./expressions";
import { IdentifierScope } from "./identifiers";
import { EmitContext, Properties, Unit, UnitBinding } from "./units";

/** Stands for the loop index inside member properties until the statement is written. */
const INDEX = "\u0001";

/** The functions whose arguments name things (resources, parameters): the index is not replaced in them. */
const NAMING = new Set(["get_resource", "get_attr", "get_param", "Ref", "Fn::GetAtt"]);

/** Replaces the index variable by the marker in every string of a member's properties. */
function markIndex(snippet: Snippet, indexVar: string): Snippet {
  if (typeof snippet === "string") return snippet.split(indexVar).join(INDEX);
  if (snippet instanceof FunctionNode) {
    if (NAMING.has(snippet.fnName)) return snippet;
    return Object.assign(Object.create(Object.getPrototypeOf(snippet) as object) as FunctionNode, snippet, { args: markIndex(snippet.args, indexVar) });
  }
  if (Array.isArray(snippet)) return snippet.map((s) => markIndex(s, indexVar));
  if (snippet !== null && typeof snippet === "object") return Object.fromEntries(Object.entries(snippet).map(([k, v]) => [k, markIndex(v, indexVar)]));
  return snippet;
}

/** The member's code with the marker as the loop index: quoted strings holding it become template literals. */
function withIndex(code: string): string {
  return code
    .replace(/"(?:[^"\\\n]|\\.)*"/g, (quoted) => {
      if (!quoted.includes("\\u0001")) return quoted;
      const text = JSON.parse(quoted) as string;
      return `\`${text.split(INDEX).map(escapeTemplateText).join("${index}")}\``;
    })
    .split(INDEX)
    .join("${index}")
    // The index given to a number (units.ts: `Number(text)`) is the loop index itself.
    .split("index: Number(`${index}`)")
    .join("index")
    .split("Number(`${index}`)")
    .join("index");
}

/** The member resource a group's `resource_def` describes, or why it has no statement form. */
function memberOf(group: LoadedResource, stack: LoadedStack, definition: Record<string, Snippet>, indexVar: string): LoadedResource | string {
  const written = definition.type;
  if (typeof written !== "string") return "a member type computed by a function has no TypeScript form";
  let type = written;
  try {
    const found = stack.registry.resolve(written, { templateDir: path.dirname(path.resolve(group.file)) });
    if (found.kind !== "type") {
      // A template type: the member is a nested stack, as the importer loaded it for member 0.
      const first = group.members?.[0];
      if (first === undefined) return `members of a template type (${written}) need a count of at least 1 to be converted`;
      return { ...group, type: written, entry: undefined, nested: first.stack, definition: { ...group.definition, type: written, path: [...group.definition.path, "properties", "resource_def"], description: undefined, condition: undefined, dependsOn: [] }, properties: markIndex(definition.properties ?? {}, indexVar), metadata: undefined, deletionPolicy: "Delete", externalId: undefined, updatePolicy: undefined };
    }
    type = found.type;
  } catch {
    return `member type ${written} is unknown`;
  }
  const properties = definition.properties ?? {};
  return {
    ...group,
    type,
    entry: builtinRegistry.get(type),
    nested: undefined,
    definition: { ...group.definition, type: written, path: [...group.definition.path, "properties", "resource_def"], description: undefined, condition: undefined, dependsOn: [] },
    properties: markIndex(properties, indexVar),
    metadata: definition.metadata ?? undefined,
    deletionPolicy: "Delete",
    externalId: undefined,
    updatePolicy: undefined,
  };
}

/** Makes the unit of a group's member (a plain resource, or a nested template's component), its variable from `ids`. */
export type MemberUnit = (member: LoadedResource, ids: IdentifierScope) => Unit | undefined;

/** OS::Heat::ResourceGroup → an array of its members' statements, or why it has none. */
export function resourceGroupUnit(group: LoadedResource, stack: LoadedStack, ids: IdentifierScope, memberUnitOf: MemberUnit): Unit | string {
  const props = new Properties(group);
  const definition = props.get("resource_def");
  if (definition === undefined || definition === null || typeof definition !== "object" || Array.isArray(definition) || definition instanceof FunctionNode) {
    return "a resource_def computed by a function has no TypeScript form";
  }
  const indexVar = props.get("index_var") ?? "%index%";
  if (typeof indexVar !== "string") return "an index_var computed by a function has no TypeScript form";
  const member = memberOf(group, stack, definition, indexVar);
  if (typeof member === "string") return member;
  // The member's statement is written on its own scope: its variable only names it inside the loop.
  const memberUnit = memberUnitOf(member, new IdentifierScope());
  // A security group is two statements (the group, then its rules): not one expression per member.
  if (memberUnit === undefined || memberUnit.kind === "openstack.networking.SecGroup") return `members of type ${member.type} are not converted by heatshift convert yet`;
  const memberBinding = memberUnit.bindings.get(member.name)!;
  const v = ids.allocate(group.name);
  const refs = new Set([group.name]);
  /** A member binding's code, read from `on` (`member`, `servers[0]`) instead of the member's variable. */
  const from = (result: Expr | string, on: string): Expr | string =>
    typeof result === "string" ? result : { ...result, code: result.code.startsWith(`${memberUnit.variable}.`) ? `${on}${result.code.slice(memberUnit.variable.length)}` : result.code, refs };
  const access = (p: readonly (string | number)[]) => p.map((s) => `[${JSON.stringify(s)}]`).join("");
  const overMembers = (read: (member: string) => Expr | string, p: readonly (string | number)[], map: boolean): Expr | string => {
    const one = read("member");
    if (typeof one === "string") return one;
    const all = map
      ? `pulumi.all(Object.fromEntries(${v}.map((member, index) => [String(index), ${one.code}])))`
      : `pulumi.all(${v}.map((member) => ${one.code}))`;
    return { code: p.length === 0 ? all : `${all}.apply((v: any) => v${access(p)})`, output: true, refs };
  };
  const binding: UnitBinding = {
    object: `...${v}`,
    reference: () => "get_resource of a ResourceGroup (Heat's nested stack id) has no TypeScript form in heatshift convert",
    attribute: (name, p) => {
      if (name === "refs") {
        if (p.length === 1 && typeof p[0] === "number") return from(memberBinding.reference(), `${v}[${p[0]}]`);
        return overMembers(() => from(memberBinding.reference(), "member"), p, false);
      }
      if (name === "refs_map") return overMembers(() => from(memberBinding.reference(), "member"), p, true);
      if (name === "removed_rsrc_list") return { code: "[]", output: false, refs: new Set() };
      if (name === "attributes") {
        const [attribute, ...rest] = p;
        if (typeof attribute !== "string") return "get_attr of a group's attributes needs the attribute name";
        return overMembers(() => from(memberBinding.attribute(attribute, rest), "member"), [], true);
      }
      const one = /^resource\.(\d+)(?:\.(.+))?$/.exec(name);
      if (one) {
        const on = `${v}[${one[1]}]`;
        return from(one[2] === undefined ? memberBinding.reference() : memberBinding.attribute(one[2], p), on);
      }
      return overMembers(() => from(memberBinding.attribute(name, []), "member"), p, false);
    },
  };
  return {
    members: [group],
    kind: `${memberUnit.kind}[]`,
    variable: v,
    bindings: new Map([[group.name, binding]]),
    emit: (ctx: EmitContext) => {
      const count = props.expr(ctx, "count", "") ?? { code: "1", output: false, refs: new Set<string>() };
      if (count.output) ctx.todo("a count known only after deployment has no TypeScript form", group.file, props.path("count"));
      const removal = props.get("removal_policies");
      const notes: string[] = [];
      if (Array.isArray(removal) && removal.length > 0) {
        notes.push(ctx.todo(`resource ${group.name}: removal_policies (removing chosen members on update) has no Pulumi equivalent`, group.file, props.path("removal_policies")));
      }
      const code = memberUnit.emit(ctx);
      return {
        refs: new Set([...code.refs].filter((r) => r !== group.name)),
        render: (options) => {
          const statement = withIndex(code.render(options));
          const start = statement.indexOf(`const ${memberUnit.variable} = `);
          const before = statement.slice(0, start);
          const made = statement
            .slice(start + `const ${memberUnit.variable} = `.length)
            .replace(/;$/, "")
            .replace(JSON.stringify(member.name), `\`${escapeTemplateText(group.name)}-\${index}\``);
          const loop = `const ${v} = Array.from({ length: ${count.code} }, (_, index) =>\n${indentCode(made, "  ")},\n);`;
          return [...notes, ...(before === "" ? [] : [before.replace(/\n$/, "")]), loop].join("\n");
        },
      };
    },
  };
}
