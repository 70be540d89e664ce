/**
 * The converter's back end: a template loaded by the importer's front end (load.ts: parsed,
 * validated, conditions decided, graph built) written as a Pulumi TypeScript program. Parameters
 * become typed stack config with their defaults and constraints, resources become heatshift
 * components (components.ts) or single statements (resources.ts) in Heat's dependency order,
 * outputs become exports. Every construct without a TypeScript form is reported at its position:
 * an error, or with `allowUnsupported` a warning and a `// TODO(heatshift)` line in the program.
 */
import * as fs from "fs";
import * as path from "path";
import { HotError, NodePath } from "../hot/diagnostics";
import { parseTemplateText } from "../hot/parse";
import { resolveSnippet } from "../hot/functions/resolve";
import { HotTemplate } from "../hot/template";
import { coerceParameterValue, ParameterDefinition } from "../hot/parameters";
import { Constraint } from "../hot/constraints";
import { FunctionNode, OMIT, Snippet } from "../hot/functions/types";
import { LoadedResource, LoadedStack, loadStack, UNKNOWN } from "../import/load";
import { allConditionsTrue, callsIf, ConditionScope, conditionCode, withConditionals } from "./conditions";
import { componentUnits } from "./components";
import { escapeTemplateText, Expr, ExpressionScope, indentCode, literalExpr, RUNTIME_FUNCTION_NAMES, snippetExpr } from "./expressions";
import { camelCase, IdentifierScope, isIdentifier } from "./identifiers";
import { resourceGroupUnit } from "./groups";
import { ArgumentWriter, construct, ImportName, plainUnit } from "./resources";
import { Coverage } from "./report";
import { EmitContext, Properties, Unit, UnitBinding } from "./units";
import { VALUE_KIND, VALUE_OBJECT, valueUnit } from "./values";

/** What to convert. */
export interface ConvertOptions {
  readonly templateFile: string;
  /** Environment files (`-e`), in order. @default [] */
  readonly environmentFiles?: readonly string[];
  /** Unsupported constructs become warnings and `// TODO(heatshift)` lines instead of errors. @default false */
  readonly allowUnsupported?: boolean;
  /** Reads a file. @default fs.readFileSync */
  readonly readFile?: (file: string) => string;
}

/** The outcome: the program when there is no error, every problem, the coverage. */
export interface ConvertResult {
  readonly program?: string;
  /** The template's description (for Pulumi.yaml). */
  readonly description?: string;
  readonly problems: readonly HotError[];
  readonly coverage: Coverage;
}

/** Identifiers the generated program uses itself. */
const PROGRAM_NAMES = ["pulumi", "openstack", "config", "PrivateNetwork", "WebSecurityGroup", "FloatingIp", "FlaskyServer", "WaitCondition", "WaitConditionHandle", "RandomString", "lookupNetwork", "imageArgs", "flavorArgs", "instanceNetworkArgs", "firstAddress", "networkAddresses", "novaMetadata", "metadataJson", "secGroupRuleArgs", "SecurityGroupRule", "valueOfType", "renderCloudConfig", "renderMultipartMime", ...RUNTIME_FUNCTION_NAMES];

/** Converts a template; never throws for bad templates (problems are in the result). */
export function convertTemplate(options: ConvertOptions): ConvertResult {
  const coverage = new Coverage();
  const load = (templateText?: string) =>
    loadStack({ templateFile: options.templateFile, templateText, environmentFiles: options.environmentFiles, requireParameters: false, readFile: options.readFile });
  const { stack: decided, diagnostics } = load();
  if (!decided || diagnostics.hasErrors) return { problems: diagnostics.problems, coverage };
  // The program decides conditions when it runs: convert the stack in which every condition holds.
  const text = decided.template.version.hasConditions ? (options.readFile ?? ((f: string) => fs.readFileSync(f, "utf8")))(options.templateFile) : undefined;
  const unconditional = text === undefined ? undefined : allConditionsTrue(text);
  const whole = unconditional === undefined ? undefined : load(unconditional);
  // Positions are those of the real text again (the blanked one keeps lines and columns).
  if (text !== undefined && unconditional !== undefined) parseTemplateText(text, options.templateFile);
  if (whole !== undefined && (!whole.stack || whole.diagnostics.hasErrors)) return { problems: whole.diagnostics.problems, coverage };
  const shared = new ProgramParts(options.allowUnsupported ?? false, coverage);
  const program = new Converter(whole?.stack ?? decided, decided.template, shared).program();
  const problems = [...diagnostics.problems, ...shared.problems];
  const failed = problems.some((p) => p.severity === "error");
  return { program: failed ? undefined : program, description: decided.template.description, problems, coverage };
}

/** What the converters of one program (the template's and its nested templates') share. */
class ProgramParts {
  readonly problems: HotError[] = [];
  /** Named imports by module. */
  readonly named = new Map<string, Set<string>>();
  /** Namespace imports: module → alias. */
  readonly namespaces = new Map<string, string>([["@pulumi/pulumi", "pulumi"]]);
  /** The component classes of nested templates, by template file, in the order they are needed. */
  readonly classes = new Map<string, { readonly className: string; readonly code: string; readonly outputs: ReadonlyMap<string, string> }>();
  /** Names at the top of the program: classes, and the main program's variables. */
  readonly topLevel = new IdentifierScope(PROGRAM_NAMES);
  /** A condition compares lists or maps (Python's ==): the program imports util's isDeepStrictEqual. */
  usesDeepEquality = false;

  constructor(
    readonly allowUnsupported: boolean,
    readonly coverage: Coverage,
  ) {}

  importName(module: string, name: string): void {
    const names = this.named.get(module) ?? new Set<string>();
    names.add(name);
    this.named.set(module, names);
  }
}

/** A nested template written as a ComponentResource class: its name and what its resources are named after. */
interface ComponentMode {
  readonly className: string;
}

/** Identifiers a component class's constructor uses itself. */
const CONSTRUCTOR_NAMES = ["name", "args", "opts"];

/** Members of pulumi.ComponentResource an output field must not replace. */
const RESOURCE_MEMBERS = ["urn", "getProvider", "registerOutputs", "getData", "isInstance"];

class Converter implements ExpressionScope {
  private readonly ids: IdentifierScope;
  private readonly parameters = new Map<string, Expr>();
  private readonly bindings = new Map<string, UnitBinding>();
  private readonly file: string;
  /** The variables of the `conditions` section, by condition name. */
  private readonly conditionVariables = new Map<string, string>();
  /** The condition (as code) under which the statement being written runs; undefined: always. */
  private emittingUnder: string | undefined;
  /** The exported names of outputs, by HOT name, when the name is an identifier the program does not use. */
  private readonly exportNames = new Map<string, string>();
  /** TODO lines of resource attributes with no Pulumi form (external_id, update_policy...), written before the statement. */
  private readonly unitNotes = new Map<Unit, string[]>();
  /** The conditions of units created only when one holds. */
  private readonly unitConditions = new Map<Unit, string>();
  private readonly coverage: Coverage;
  /** Hidden parameters a condition reads in plain. */
  private readonly plainInConditions = new Set<string>();

  constructor(
    private readonly stack: LoadedStack,
    /** The template as written (its conditions; `stack` is loaded with every condition true). */
    private readonly written: HotTemplate,
    private readonly shared: ProgramParts,
    /** Set when the template is a nested one, written as a component class. */
    private readonly component?: ComponentMode,
  ) {
    this.file = stack.template.file;
    this.coverage = shared.coverage;
    this.ids = component === undefined ? shared.topLevel : new IdentifierScope([...PROGRAM_NAMES, ...CONSTRUCTOR_NAMES]);
  }

  // ---- ExpressionScope ----
  parameter(name: string): Expr | undefined {
    return this.parameters.get(name);
  }

  resource(name: string): UnitBinding | undefined {
    return this.bindings.get(name);
  }

  parameterType(name: string): string | undefined {
    return this.stack.template.parameters.get(name)?.type;
  }

  condition(condition: Snippet, file: string, path: NodePath): string {
    return conditionCode(condition, this.conditionScope(), file, path);
  }

  importName(module: string, name: string): void {
    this.shared.importName(module, name);
  }

  getFile(name: string): string | undefined {
    return this.stack.getFile(name);
  }

  unsupported(message: string, file: string, path: NodePath): Expr {
    return { code: `undefined as never /* ${this.todo(message, file, path).slice(3)} */`, output: false, refs: new Set() };
  }

  /** Records an unsupported construct; returns its TODO line. */
  todo(message: string, file: string, path: NodePath): string {
    this.shared.problems.push(new HotError(message, file, path, this.shared.allowUnsupported ? "warning" : "error"));
    this.coverage.unsupported(message);
    return `// TODO(heatshift): ${message.replace(/\*\//g, "* /")}`;
  }

  program(): string {
    // Outputs keep their HOT names as exports: those names are taken before any variable is named.
    for (const output of this.stack.outputs) if (isIdentifier(output.name) && this.ids.reserve(output.name)) this.exportNames.set(output.name, output.name);
    const parameterCode = this.parameterStatements();
    const conditionCode = this.conditionStatements();
    const resourceCode = this.resourceStatements();
    const outputCode = this.outputStatements();
    const header = this.stack.template.description === undefined ? [] : [docComment(this.stack.template.description, "")];
    if (this.shared.usesDeepEquality) this.shared.named.set("util", new Set(["isDeepStrictEqual"]));
    const body = [
      ...[...this.shared.classes.values()].map((c) => `${c.code}\n`),
      ...(this.stack.template.parameters.size > 0 ? ["const config = new pulumi.Config();", ""] : []),
      ...parameterCode,
      ...(this.plainInConditions.size === 0 ? [] : [[...this.plainInConditions].map((name) => `// Hidden parameter ${name}: read in plain only to decide conditions (Heat decides them from the values).`).join("\n"), ""]),
      ...conditionCode,
      ...withoutUnusedVariables(resourceCode, outputCode).map((s) => `${s}\n`),
      ...outputCode,
    ];
    // A program with no config, secret or interpolation does not need the pulumi namespace.
    if (!body.some((line) => line.includes("pulumi."))) this.shared.namespaces.delete("@pulumi/pulumi");
    return [...header, ...this.importLines(), "", ...body]
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/\n*$/, "\n");
  }

  /** The resources' statements in Heat's dependency order. */
  private resourceStatements(): string[] {
    const importName = (module: string, name: string) => this.shared.importName(module, name);
    const units = this.units(importName);
    const ctx: EmitContext = {
      scope: this,
      importName,
      importNamespace: (module, alias) => this.shared.namespaces.set(module, alias),
      binding: (name) => this.bindings.get(name),
      todo: (message, file, path) => this.todo(message, file, path),
    };
    return grouped(this.ordered(units).map((unit) => this.unitStatement(unit, ctx)));
  }

  /**
   * The nested template as a ComponentResource class: parameters are its (Input) args, resources
   * its children named `<name>-<resource>`, outputs its Output fields. Returns the class code and
   * the field of each output.
   */
  componentClass(): { code: string; outputs: Map<string, string> } {
    const className = this.component!.className;
    // Output fields live on the class, apart from the constructor's variables (but not over Resource's own members).
    const fieldIds = new IdentifierScope(RESOURCE_MEMBERS);
    const fields = new Map(this.stack.outputs.map((output) => [output.name, fieldIds.allocate(output.name)] as const));
    const argLines: string[] = [];
    const bodyLines: string[] = [];
    this.parameters.set("OS::stack_name", { code: "pulumi.getStack()", output: false, refs: new Set() });
    for (const def of this.stack.template.parameters.values()) {
      const variable = this.ids.allocate(def.name);
      const key = camelCase(def.name);
      const comment = [def.label, def.description].filter((t) => t !== undefined && t !== "").join(": ");
      // The default as Heat parses it (a comma_delimited_list's text is split).
      const fallback = def.default === undefined || def.default === null ? undefined : literalExpr(coerceParameterValue(def, def.default)).code;
      argLines.push(docComment(`${comment === "" ? def.name : comment}${fallback === undefined ? "" : `\n@default ${fallback.replace(/\n/g, " ")}`}`, "  "));
      argLines.push(`  readonly ${key}${fallback === undefined ? "" : "?"}: pulumi.Input<${ARG_TYPES[def.type] ?? "any"}>;`);
      const read = `pulumi.output(args.${key}${fallback === undefined ? "" : ` ?? ${fallback}`})`;
      const checks = constraintChecks(def, "value");
      if (checks.length > 0) bodyLines.push(`const ${variable} = ${read}.apply((value) => {`, ...checks.map((l) => `  ${l}`), "  return value;", "});");
      else bodyLines.push(`const ${variable} = ${read};`);
      this.parameters.set(def.name, { code: variable, output: true, refs: new Set() });
      this.coverage.add("parameter", def.type, "component argument");
    }
    if (Object.keys(this.written.conditions).length > 0) this.todo("conditions of a nested template are not converted by heatshift convert yet", this.file, ["conditions"]);
    const resourceCode = this.resourceStatements();
    const outputLines: string[] = [];
    const fieldLines: string[] = [];
    for (const output of this.stack.outputs) {
      const field = fields.get(output.name)!;
      if (output.definition.description) fieldLines.push(docComment(output.definition.description, "  "));
      fieldLines.push(`  readonly ${field}: pulumi.Output<any>;`);
      const value = snippetExpr(output.value, this, this.file, [...output.definition.path, "value"], "    ");
      outputLines.push(`this.${field} = ${value.output ? value.code : `pulumi.output(${value.code})`};`);
      this.coverage.add("output", "", "component output");
    }
    countFunctions(this.stack, this.coverage);
    const registered = [...fields.values()].map((f) => `${f}: this.${f}`).join(", ");
    const body = [...bodyLines, "", ...withoutUnusedVariables(resourceCode, outputLines).map((s) => `${s}\n`), ...outputLines, `this.registerOutputs({${registered === "" ? "" : ` ${registered} `}});`].join("\n").replace(/\n{3,}/g, "\n\n");
    const description = this.stack.template.description?.trim();
    const code = [
      docComment(`The arguments of ${className}: the parameters of ${path.basename(this.file)}.`, ""),
      `export interface ${className}Args {`,
      ...argLines,
      "}",
      "",
      docComment(`${description ? `${description}\n\n` : ""}The nested template ${path.basename(this.file)} as a component.`, ""),
      `export class ${className} extends pulumi.ComponentResource {`,
      ...fieldLines,
      "",
      `  constructor(name: string, args: ${className}Args, opts?: pulumi.ComponentResourceOptions) {`,
      `    super("heatshift:nested:${className}", name, {}, opts);`,
      indentCode(body, "    "),
      "  }",
      "}",
    ].join("\n");
    return { code, outputs: fields };
  }

  /** The class of a nested template (written once per template file) and how the parent sees its outputs. */
  private nestedUnit(r: LoadedResource, ids: IdentifierScope = this.ids): Unit {
    const nested = r.nested!;
    const file = nested.template.file;
    let written = this.shared.classes.get(file);
    if (written === undefined) {
      let className = pascalCase(path.basename(file).replace(/\.(ya?ml|template)$/, ""));
      for (let n = 2; !this.shared.topLevel.reserve(className); n++) className = `${pascalCase(path.basename(file).replace(/\.(ya?ml|template)$/, ""))}${n}`;
      const { code, outputs } = new Converter(nested, nested.template, this.shared, { className }).componentClass();
      written = { className, code, outputs };
      this.shared.classes.set(file, written);
    }
    const { className, outputs } = written;
    const v = ids.allocate(r.name, "Stack");
    const binding: UnitBinding = {
      object: v,
      reference: () => "get_resource of a nested template (Heat's nested stack id) has no TypeScript form in heatshift convert",
      attribute: (name, p) => {
        const field = outputs.get(name);
        if (field === undefined) return `${name} is not an output of ${path.basename(file)}`;
        const access = p.map((s) => `[${JSON.stringify(s)}]`).join("");
        return { code: p.length === 0 ? `${v}.${field}` : `${v}.${field}.apply((v: any) => v${access})`, output: true, refs: new Set([r.name]) };
      },
    };
    return {
      members: [r],
      kind: `component ${className}`,
      variable: v,
      bindings: new Map([[r.name, binding]]),
      emit: (ctx) => {
        const props = new Properties(r);
        const w = new ArgumentWriter(ctx, props);
        for (const def of nested.template.parameters.values()) w.map(def.name, camelCase(def.name));
        w.rejectOthers([...nested.template.parameters.keys()], r.definition.type);
        return { refs: w.refs, render: construct(v, className, r.name, w, w.notes) };
      },
    };
  }

  /** How conditions see the program: config variables with their HOT types, condition variables. */
  private conditionScope(): ConditionScope {
    return {
      parameter: (name) => {
        const expr = this.parameters.get(name);
        const def = this.stack.template.parameters.get(name);
        if (expr === undefined || def === undefined) return undefined;
        // Heat decides conditions from the parameter values before deployment, hidden ones too:
        // the program reads a hidden one in plain for the decision only (never bound to a name).
        if (def.hidden && this.component === undefined) {
          this.plainInConditions.add(def.name);
          return { expr: { code: configRead({ ...def, hidden: false }, undefined).code, output: false, refs: new Set() }, type: def.type };
        }
        return { expr, type: def.type };
      },
      condition: (name) => this.conditionVariables.get(name),
      unsupported: (message, file, path) => this.unsupported(message, file, path),
    };
  }

  /** The `conditions` section as booleans over the config, each after those it uses. */
  private conditionStatements(): string[] {
    const section = this.written.conditions;
    const names = Object.keys(section);
    if (names.length === 0) return [];
    const table = this.stack.table;
    const definitions = new Map<string, Snippet>();
    for (const name of names) {
      const resolved = resolveSnippet(section[name], ["conditions", name], { table, file: this.file, kind: "condition", problems: this.shared.problems });
      definitions.set(name, resolved === OMIT ? null : resolved);
      this.conditionVariables.set(name, this.ids.allocate(name));
    }
    const lines: string[] = [];
    const written = new Set<string>();
    const write = (name: string): void => {
      if (written.has(name)) return;
      written.add(name);
      usedConditions(definitions.get(name)!).filter((n) => definitions.has(n)).forEach(write);
      const code = this.condition(definitions.get(name)!, this.file, ["conditions", name]);
      if (code.includes("isDeepStrictEqual(")) this.shared.usesDeepEquality = true;
      lines.push(`const ${this.conditionVariables.get(name)} = ${code};`);
      this.coverage.add("condition", "", "boolean");
    };
    names.forEach(write);
    return ["// Conditions: decided from the stack config when the program starts.", ...lines, ""];
  }

  /** A resource's or output's `condition` field as code; undefined when it has none. */
  private fieldCondition(raw: unknown, path: NodePath): string | undefined {
    if (raw === undefined) return undefined;
    const resolved = resolveSnippet(raw, path, { table: this.stack.table, file: this.file, kind: "condition", problems: this.shared.problems });
    return this.condition(resolved === OMIT ? null : resolved, this.file, path);
  }

  private parameterStatements(): string[] {
    const lines: string[] = [];
    this.parameters.set("OS::stack_name", { code: "pulumi.getStack()", output: false, refs: new Set() });
    for (const def of this.stack.template.parameters.values()) {
      const variable = this.ids.allocate(def.name);
      const resolved = this.stack.parameters.get(def.name);
      const known = resolved !== undefined && resolved.value !== UNKNOWN && resolved.source !== "pseudo" ? resolved.value : undefined;
      const comment = [def.label, def.description].filter((t) => t !== undefined && t !== "").join(": ");
      if (comment !== "") lines.push(docComment(comment, ""));
      const { code, output } = configRead(def, def.hidden ? undefined : known);
      if (def.hidden && known !== undefined) lines.push("// The template's default of this hidden parameter is not copied here: set it with `pulumi config set --secret`.");
      const checks = constraintChecks(def, output ? "value" : variable);
      if (output && checks.length > 0) {
        lines.push(`const ${variable} = ${code}.apply((value) => {`, ...checks.map((l) => `  ${l}`), "  return value;", "});");
      } else {
        lines.push(`const ${variable} = ${code};`, ...checks);
      }
      this.parameters.set(def.name, { code: variable, output, refs: new Set() });
      this.coverage.add("parameter", def.type, "config");
    }
    return lines.length === 0 ? [] : [...lines, ""];
  }

  private units(importName: ImportName): Unit[] {
    const resources = this.stack.resources.map((r) => this.withBothBranches(r));
    const units = componentUnits({ ...this.stack, resources }, this.ids);
    const claimed = new Set(units.flatMap((u) => u.members.map((m) => m.name)));
    const todos: Unit[] = [];
    for (const r of resources) {
      if (claimed.has(r.name)) continue;
      const memberUnit = (member: LoadedResource, ids: IdentifierScope) => (member.nested === undefined ? plainUnit(member, ids, importName) : this.nestedUnit(member, ids));
      const group = r.type === "OS::Heat::ResourceGroup" ? resourceGroupUnit(r, this.stack, this.ids, memberUnit) : undefined;
      const unit = typeof group === "object" ? group : r.nested === undefined ? plainUnit(r, this.ids, importName) ?? valueUnit(r, this.ids) : this.nestedUnit(r);
      if (unit !== undefined) units.push(unit);
      else {
        const why = typeof group === "string" ? `OS::Heat::ResourceGroup: ${group}` : `resource type ${r.definition.type} is not converted by heatshift convert yet`;
        const at = typeof group === "string" ? ["properties", "resource_def", "type"] : ["type"];
        const line = this.todo(`resource ${r.name}: ${why}`, r.file, [...r.definition.path, ...at]);
        todos.push({ members: [r], kind: "TODO", variable: "", bindings: new Map(), emit: () => ({ refs: new Set(), render: () => line }) });
      }
    }
    for (const unit of todos) this.coverage.add("resource", unit.members[0].definition.type, "TODO");
    for (const unit of [...units, ...todos]) {
      const written = unit.members.length === 1 ? this.written.resources.get(unit.members[0].name) : undefined;
      const condition = written === undefined ? undefined : this.fieldCondition(written.condition, [...written.path, "condition"]);
      if (condition !== undefined) this.unitConditions.set(unit, condition);
    }
    for (const unit of units) {
      const condition = this.unitConditions.get(unit);
      unit.bindings.forEach((b, name) => this.bindings.set(name, condition === undefined ? b : this.conditionalBinding(b, unit.variable, condition)));
      for (const m of unit.members) this.coverage.add("resource", m.definition.type, unit.kind);
      const notes: string[] = [];
      for (const m of unit.members) {
        if (m.updatePolicy !== undefined) notes.push(this.todo(`resource ${m.name}: update_policy has no Pulumi equivalent`, m.file, [...m.definition.path, "update_policy"]));
        if (m.deletionPolicy === "Snapshot") notes.push(this.todo(`resource ${m.name}: deletion_policy Snapshot has no Pulumi equivalent`, m.file, [...m.definition.path, "deletion_policy"]));
      }
      if (notes.length > 0) this.unitNotes.set(unit, notes);
    }
    return [...units, ...todos];
  }

  /** The resource with every `if` of its properties kept as a ternary (the loaded one has the true branches). */
  private withBothBranches(r: LoadedResource): LoadedResource {
    const raw = r.definition.properties;
    if (!callsIf(raw, this.stack.table)) return r;
    return { ...r, properties: withConditionals(raw, [...r.definition.path, "properties"], { table: this.stack.table, file: r.file, problems: this.shared.problems }) };
  }

  /**
   * How a resource created under `condition` is seen: `variable!` from statements under the same
   * condition, `variable?.` (undefined, Heat's null) elsewhere; dependents wait for it when it exists.
   */
  private conditionalBinding(binding: UnitBinding, variable: string, condition: string): UnitBinding {
    const sure = () => this.emittingUnder === condition;
    const guard = (e: Expr | string): Expr | string =>
      typeof e === "string" || !e.code.startsWith(`${variable}.`) ? e : { ...e, code: `${variable}${sure() ? "!" : "?"}${e.code.slice(variable.length)}` };
    return {
      get object() {
        if (binding.object === VALUE_OBJECT) return VALUE_OBJECT;
        return sure() ? `${variable}!` : `...(${variable} ? [${variable}] : [])`;
      },
      reference: () => guard(binding.reference()),
      attribute: (name, path) => guard(binding.attribute(name, path)),
    };
  }

  /** Units in Heat's dependency order (ties: template order of their first member). */
  private ordered(units: readonly Unit[]): Unit[] {
    const unitOf = new Map<string, Unit>();
    units.forEach((u) => u.members.forEach((m) => unitOf.set(m.name, u)));
    const position = new Map(this.stack.resources.map((r, i) => [r.name, i] as const));
    const first = (u: Unit) => Math.min(...u.members.map((m) => position.get(m.name)!));
    const waitsFor = new Map<Unit, Set<Unit>>(units.map((u) => [u, new Set<Unit>()]));
    for (const edge of this.stack.graph.edges) {
      const from = unitOf.get(edge.from);
      const to = unitOf.get(edge.to);
      if (from !== undefined && to !== undefined && from !== to) waitsFor.get(from)!.add(to);
    }
    const done = new Set<Unit>();
    const result: Unit[] = [];
    const pending = [...units].sort((a, b) => first(a) - first(b));
    while (pending.length > 0) {
      const index = pending.findIndex((u) => [...waitsFor.get(u)!].every((d) => done.has(d)));
      // A group can close a cycle that Heat's graph does not have; keep template order then.
      const next = pending.splice(index < 0 ? 0 : index, 1)[0];
      done.add(next);
      result.push(next);
    }
    return result;
  }

  private unitStatement(unit: Unit, ctx: EmitContext): Statement {
    const condition = this.unitConditions.get(unit);
    this.emittingUnder = condition;
    const code = unit.emit(ctx);
    const members = new Set(unit.members.map((m) => m.name));
    const needed = new Set<string>();
    // A value (values.ts) is no Pulumi resource: waiting for it is waiting for what it waits for.
    const waitable = (d: string): string[] => (this.bindings.get(d)?.object === VALUE_OBJECT ? this.stack.graph.dependenciesOf(d).flatMap(waitable) : [d]);
    for (const m of unit.members) this.stack.graph.dependenciesOf(m.name).flatMap(waitable).forEach((d) => !members.has(d) && needed.add(d));
    const carried = new Set([...code.refs].filter((r) => !members.has(r)));
    const explicit = [...needed].filter((d) => !carried.has(d) && this.bindings.has(d));
    // Waiting for a resource that already waits for `d` (Heat's graph, which the program keeps) covers `d`.
    const covering = [...carried, ...explicit];
    const reduced = explicit.filter((d) => !covering.some((other) => other !== d && this.dependsTransitively(other, d)));
    const objects = [...new Set(reduced.map((d) => this.bindings.get(d)!.object))];
    const options: string[] = this.component === undefined ? [] : ["parent: this"];
    // heatshift's components pass their dependsOn on to the resources inside them.
    if (objects.length > 0) options.push(`dependsOn: [${objects.join(", ")}]`);
    if (unit.members.length === 1 && unit.members[0].deletionPolicy === "Retain") options.push("retainOnDelete: true");
    const adopted = unit.members.length === 1 ? this.adoption(unit.members[0], ctx) : undefined;
    if (adopted?.option !== undefined) options.push(adopted.option);
    const description = unit.members.map((m) => m.definition.description).filter((d): d is string => d !== undefined && d !== "");
    const comment = description.length > 0 ? `${docComment(description.join("\n"), "")}\n` : "";
    const hot = `// ${unit.members.map((m) => `${m.name} (${m.definition.type})`).join(", ")}\n`;
    const statement = code.render(options.length === 0 ? undefined : `{ ${options.join(", ")} }`);
    const notes = [...(this.unitNotes.get(unit) ?? []), ...(adopted?.note === undefined ? [] : [adopted.note])].map((line) => `${line}\n`).join("");
    const body = `${comment}${unit.members.length > 1 ? hot : ""}${notes}${this.component === undefined ? statement : childNames(statement, unit.members.map((m) => m.name))}`;
    this.emittingUnder = undefined;
    if (condition === undefined) return { body };
    if (unit.variable === "") return { condition, body };
    // A value is undefined when its condition is false (Heat's null).
    if (unit.kind === VALUE_KIND) return { body: body.replace(/^(const \S+ = )([\s\S]*);$/m, (_, head: string, value: string) => `${head}${condition} ? ${value} : undefined;`) };
    // Declared outside the if block (undefined when the condition is false, as Heat's reference is null).
    const className = unit.kind.replace(/^component /, "");
    return { condition, declaration: `let ${unit.variable}: ${className} | undefined;`, body: body.replace(new RegExp(`^const ${unit.variable} = `, "m"), `${unit.variable} = `) };
  }

  /**
   * `external_id` as the `import` option (HotStack's): Pulumi takes the existing resource over and,
   * as Heat, deletes it with the stack unless its deletion_policy is Retain. The ID must be known
   * when the program starts (a string, not an Output).
   */
  private adoption(r: LoadedResource, ctx: EmitContext): { option?: string; note?: string } | undefined {
    if (r.externalId === undefined || r.externalId === null) return undefined;
    const at = [...r.definition.path, "external_id"];
    const id = snippetExpr(r.externalId, ctx.scope, r.file, at);
    if (!id.output) return { option: `import: ${id.code}` };
    return { note: ctx.todo(`resource ${r.name}: an external_id known only after deployment has no TypeScript form (Pulumi's import takes a string)`, r.file, at) };
  }

  private dependsTransitively(from: string, on: string, seen = new Set<string>()): boolean {
    for (const d of this.stack.graph.dependenciesOf(from)) {
      if (d === on) return true;
      if (!seen.has(d)) {
        seen.add(d);
        if (this.dependsTransitively(d, on, seen)) return true;
      }
    }
    return false;
  }

  private outputStatements(): string[] {
    const lines: string[] = [];
    for (const output of this.stack.outputs) {
      if (!output.enabled) continue;
      const name = this.exportNames.get(output.name) ?? this.ids.allocate(output.name, "Output");
      if (output.definition.description) lines.push(docComment(output.definition.description, ""));
      if (name !== output.name) lines.push(`// Heat's output ${JSON.stringify(output.name)}.`);
      const written = this.written.outputs.get(output.name);
      const condition = written === undefined ? undefined : this.fieldCondition(written.condition, [...written.path, "condition"]);
      const raw = output.definition.value;
      const resolved = callsIf(raw, this.stack.table) ? withConditionals(raw, [...output.definition.path, "value"], { table: this.stack.table, file: this.file, problems: this.shared.problems }) : output.value;
      this.emittingUnder = condition;
      const value = snippetExpr(resolved, this, this.file, [...output.definition.path, "value"]);
      this.emittingUnder = undefined;
      lines.push(`export const ${name} = ${condition === undefined ? value.code : `${condition} ? ${value.code} : undefined`};`);
      this.coverage.add("output", "", "export");
    }
    countFunctions(this.stack, this.coverage);
    return lines;
  }

  private importLines(): string[] {
    const lines: string[] = [];
    for (const [module, alias] of [...this.shared.namespaces].sort(([a], [b]) => a.localeCompare(b))) lines.push(`import * as ${alias} from ${JSON.stringify(module)};`);
    for (const [module, names] of [...this.shared.named].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`import { ${[...names].sort().join(", ")} } from ${JSON.stringify(module)};`);
    }
    return lines;
  }
}

/** A `/** ... *\/` comment. */
function docComment(text: string, indent: string): string {
  const lines = text.trim().replace(/\*\//g, "* /").split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`), `${indent} */`].join("\n");
}

/** How a parameter is read from stack config, with its default. */
function configRead(def: ParameterDefinition, known: unknown): { code: string; output: boolean } {
  const key = JSON.stringify(def.name);
  const fallback = known === undefined ? undefined : literalExpr(known).code;
  switch (def.type) {
    case "number":
      if (def.hidden) return { code: `config.requireSecretNumber(${key})`, output: true };
      return { code: fallback === undefined ? `config.requireNumber(${key})` : `config.getNumber(${key}) ?? ${fallback}`, output: false };
    case "boolean":
      if (def.hidden) return { code: `config.requireSecretBoolean(${key})`, output: true };
      return { code: fallback === undefined ? `config.requireBoolean(${key})` : `config.getBoolean(${key}) ?? ${fallback}`, output: false };
    case "comma_delimited_list": {
      if (def.hidden) return { code: `config.requireSecret(${key}).apply((text) => text.split(","))`, output: true };
      const text = Array.isArray(known) ? JSON.stringify(known.join(",")) : undefined;
      return { code: text === undefined ? `config.require(${key}).split(",")` : `(config.get(${key}) ?? ${text}).split(",")`, output: false };
    }
    case "json":
      if (def.hidden) return { code: `config.requireSecretObject<any>(${key})`, output: true };
      return { code: fallback === undefined ? `config.requireObject<any>(${key})` : `config.getObject<any>(${key}) ?? ${fallback}`, output: false };
    default:
      if (def.hidden) return { code: `config.requireSecret(${key})`, output: true };
      return { code: fallback === undefined ? `config.require(${key})` : `config.get(${key}) ?? ${fallback}`, output: false };
  }
}

/** Run-time checks of a parameter's constraints, with the template's descriptions as messages. */
function constraintChecks(def: ParameterDefinition, v: string): string[] {
  const lines: string[] = [];
  for (const c of def.constraints) {
    const test = failureTest(c, v, def.type);
    if (test === undefined) {
      lines.push(`// custom_constraint ${(c as { name?: string }).name ?? ""} is checked by the cloud, not by this program.`);
      continue;
    }
    const shown = def.hidden ? "" : ` (got \${JSON.stringify(${v})})`;
    const message = `parameter ${def.name}: ${(c.description ?? defaultMessage(c)).replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${")}${shown}`;
    lines.push(`if (${test}) {`, `  throw new Error(\`${message}\`);`, "}");
  }
  return lines;
}

function failureTest(c: Constraint, v: string, type: string): string | undefined {
  const bounds = (value: string, min?: number, max?: number) =>
    [min === undefined ? undefined : `${value} < ${min}`, max === undefined ? undefined : `${value} > ${max}`].filter((t) => t !== undefined).join(" || ");
  switch (c.kind) {
    case "length":
      return bounds(type === "json" ? `Object.keys(${v}).length` : `${v}.length`, c.min, c.max);
    case "range":
      return bounds(v, c.min, c.max);
    case "modulo":
      return `${v} % ${c.step} !== ${c.offset}`;
    case "allowed_values": {
      const allowed = literalExpr(c.allowed).code;
      return type === "comma_delimited_list" ? `!${v}.every((item) => ${allowed}.includes(item))` : `!(${allowed} as unknown[]).includes(${v})`;
    }
    case "allowed_pattern":
      return `!new RegExp(${JSON.stringify(`^(?:${c.regex.source})$`)}${c.regex.flags.replace("y", "") ? `, ${JSON.stringify(c.regex.flags.replace("y", ""))}` : ""}).test(${v})`;
    default:
      return undefined;
  }
}

function defaultMessage(c: Constraint): string {
  switch (c.kind) {
    case "length":
      return `length must be${c.min === undefined ? "" : ` at least ${c.min}`}${c.min !== undefined && c.max !== undefined ? " and" : ""}${c.max === undefined ? "" : ` at most ${c.max}`}`;
    case "range":
      return `must be${c.min === undefined ? "" : ` at least ${c.min}`}${c.min !== undefined && c.max !== undefined ? " and" : ""}${c.max === undefined ? "" : ` at most ${c.max}`}`;
    case "modulo":
      return `must be ${c.offset} modulo ${c.step}`;
    case "allowed_values":
      return `must be one of ${c.allowed.map((a) => JSON.stringify(a)).join(", ")}`;
    case "allowed_pattern":
      return `must match the pattern ${c.pattern}`;
    default:
      return "is not valid";
  }
}

/** Counts the intrinsic functions of the converted snippets for the report. */
function countFunctions(stack: LoadedStack, coverage: Coverage): void {
  const walk = (s: Snippet): void => {
    if (s instanceof FunctionNode) {
      coverage.add("function", s.fnName, "TypeScript");
      walk(s.args);
    } else if (Array.isArray(s)) s.forEach(walk);
    else if (s !== null && typeof s === "object") Object.values(s).forEach(walk);
  };
  stack.resources.forEach((r) => walk(r.properties));
  stack.outputs.forEach((o) => walk(o.value));
}

/** One statement of the program; those under a condition go inside its `if` block. */
interface Statement {
  /** The condition as code; undefined: always run. */
  readonly condition?: string;
  /** `let v: T | undefined;`, written before the if block. */
  readonly declaration?: string;
  readonly body: string;
}

/** Statements as program text: consecutive ones under the same condition share one `if` block. */
function grouped(statements: readonly Statement[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < statements.length; ) {
    const condition = statements[i].condition;
    if (condition === undefined) {
      result.push(statements[i++].body);
      continue;
    }
    const block: Statement[] = [];
    while (i < statements.length && statements[i].condition === condition) block.push(statements[i++]);
    const declarations = block.flatMap((s) => (s.declaration === undefined ? [] : [s.declaration]));
    const body = block.map((s) => indentCode(s.body, "  ")).join("\n\n");
    result.push([...declarations, `if (${condition}) {`, body, "}"].join("\n"));
  }
  return result;
}

/** The condition names a resolved condition reads (strings inside not/and/or, or the whole). */
function usedConditions(condition: Snippet): string[] {
  if (typeof condition === "string") return [condition];
  if (condition instanceof FunctionNode && ["not", "and", "or"].includes(condition.fnName)) {
    return (Array.isArray(condition.args) ? condition.args : [condition.args]).flatMap(usedConditions);
  }
  return [];
}

/** HOT parameter types as TypeScript types of component arguments. */
const ARG_TYPES: Readonly<Record<string, string>> = { string: "string", number: "number", boolean: "boolean", comma_delimited_list: "string[]", json: "any" };

/** `private_network` → `PrivateNetwork`: a class name. */
function pascalCase(name: string): string {
  const camel = camelCase(name).replace(/^_/, "");
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** A component's statement with its resources named `<component name>-<HOT name>` (Pulumi names are unique per stack). */
function childNames(statement: string, names: readonly string[]): string {
  let result = statement;
  for (const name of names) {
    result = result
      .split(`(${JSON.stringify(name)}`)
      .join(`(\`\${name}-${escapeTemplateText(name)}\``)
      .split(`(\`${escapeTemplateText(name)}-`)
      .join(`(\`\${name}-${escapeTemplateText(name)}-`);
  }
  return result;
}

/**
 * Statements whose variable nothing reads lose it (`new X(...)` alone, as one writes a resource
 * only created for its effect). A name that also appears in some text counts as read: kept.
 */
function withoutUnusedVariables(statements: readonly string[], rest: readonly string[]): string[] {
  // A Pulumi name (often the variable's own name) does not read a variable.
  const all = [...statements, ...rest].join("\n").replace(/(new [\w$.]+\()"(?:[^"\\\n]|\\.)*"/g, '$1""');
  return statements.map((statement) =>
    statement.replace(/^const ([A-Za-z_$][\w$]*) = new /gm, (declaration, name: string) => ((all.match(new RegExp(`\\b${name}\\b`, "g")) ?? []).length === 1 ? "new " : declaration)),
  );
}
