/**
 * The converter's back end: a template loaded by the importer's front end (load.ts: parsed,
 * validated, conditions decided, graph built) written as a Pulumi TypeScript program. Parameters
 * become typed stack config with their defaults and constraints, resources become heatshift
 * components (components.ts) or single statements (resources.ts) in Heat's dependency order,
 * outputs become exports. Every construct without a TypeScript form is reported at its position:
 * an error, or with `allowUnsupported` a warning and a `// TODO(heatshift)` line in the program.
 */
import { HotError, NodePath } from "../hot/diagnostics";
import { isMap } from "../hot/functions/python";
import { ParameterDefinition } from "../hot/parameters";
import { Constraint } from "../hot/constraints";
import { FunctionNode, Snippet } from "../hot/functions/types";
import { LoadedStack, loadStack, UNKNOWN } from "../import/load";
import { componentUnits } from "./components";
import { Expr, ExpressionScope, literalExpr, snippetExpr } from "./expressions";
import { IdentifierScope, isIdentifier } from "./identifiers";
import { ImportName, plainUnit } from "./resources";
import { Coverage } from "./report";
import { EmitContext, Unit, UnitBinding } from "./units";

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
const PROGRAM_NAMES = ["pulumi", "openstack", "config", "PrivateNetwork", "WebSecurityGroup", "FloatingIp", "FlaskyServer", "WaitCondition", "WaitConditionHandle", "RandomString", "lookupNetwork", "imageArgs", "flavorArgs", "instanceNetworkArgs", "firstAddress", "waitFor", "secGroupRuleArgs", "SecurityGroupRule"];

/** Converts a template; never throws for bad templates (problems are in the result). */
export function convertTemplate(options: ConvertOptions): ConvertResult {
  const coverage = new Coverage();
  const { stack, diagnostics } = loadStack({
    templateFile: options.templateFile,
    environmentFiles: options.environmentFiles,
    requireParameters: false,
    readFile: options.readFile,
  });
  if (!stack || diagnostics.hasErrors) return { problems: diagnostics.problems, coverage };
  const converter = new Converter(stack, options.allowUnsupported ?? false, coverage);
  const program = converter.program();
  const problems = [...diagnostics.problems, ...converter.problems];
  const failed = problems.some((p) => p.severity === "error");
  return { program: failed ? undefined : program, description: stack.template.description, problems, coverage };
}

class Converter implements ExpressionScope {
  readonly problems: HotError[] = [];
  private readonly ids = new IdentifierScope(PROGRAM_NAMES);
  private readonly parameters = new Map<string, Expr>();
  private readonly bindings = new Map<string, UnitBinding>();
  private readonly named = new Map<string, Set<string>>();
  private readonly namespaces = new Map<string, string>();
  private readonly file: string;
  /** The program needs the waitFor helper (a component waits for resources outside it). */
  private usesWaitFor = false;

  constructor(
    private readonly stack: LoadedStack,
    private readonly allowUnsupported: boolean,
    private readonly coverage: Coverage,
  ) {
    this.file = stack.template.file;
  }

  // ---- ExpressionScope ----
  parameter(name: string): Expr | undefined {
    return this.parameters.get(name);
  }

  resource(name: string): UnitBinding | undefined {
    return this.bindings.get(name);
  }

  unsupported(message: string, file: string, path: NodePath): Expr {
    return { code: `undefined as never /* ${this.todo(message, file, path).slice(3)} */`, output: false, refs: new Set() };
  }

  /** Records an unsupported construct; returns its TODO line. */
  todo(message: string, file: string, path: NodePath): string {
    this.problems.push(new HotError(message, file, path, this.allowUnsupported ? "warning" : "error"));
    this.coverage.unsupported(message);
    return `// TODO(heatshift): ${message.replace(/\*\//g, "* /")}`;
  }

  program(): string {
    this.checkConstructs();
    const parameterCode = this.parameterStatements();
    const importName = (module: string, name: string): void => {
      const names = this.named.get(module) ?? new Set<string>();
      names.add(name);
      this.named.set(module, names);
    };
    const units = this.units(importName);
    const ctx: EmitContext = {
      scope: this,
      importName,
      importNamespace: (module, alias) => this.namespaces.set(module, alias),
      binding: (name) => this.bindings.get(name),
      todo: (message, file, path) => this.todo(message, file, path),
    };
    this.namespaces.set("@pulumi/pulumi", "pulumi");
    const resourceCode = this.ordered(units).map((unit) => this.unitStatement(unit, ctx));
    const outputCode = this.outputStatements();
    const header = this.stack.template.description === undefined ? [] : [docComment(this.stack.template.description, "")];
    return [
      ...header,
      ...this.importLines(),
      "",
      ...(this.usesWaitFor ? [WAIT_FOR, ""] : []),
      "const config = new pulumi.Config();",
      "",
      ...parameterCode,
      ...resourceCode.map((s) => `${s}\n`),
      ...outputCode,
    ]
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/\n*$/, "\n");
  }

  /** Constructs decided at load time that a program must decide at run time, or has no form for yet. */
  private checkConstructs(): void {
    const raw = this.stack.template.raw;
    if (isMap(raw.conditions) && Object.keys(raw.conditions).length > 0) {
      this.todo("conditions are not converted by heatshift convert yet (they would become if statements); the program assumes every condition as decided with the parameters' defaults", this.file, ["conditions"]);
    }
    const findIf = (value: unknown, path: NodePath): void => {
      if (Array.isArray(value)) value.forEach((v, i) => findIf(v, [...path, i]));
      else if (isMap(value)) {
        for (const [k, v] of Object.entries(value)) {
          if (k === "if" && Object.keys(value).length === 1 && this.stack.table.functions.has("if")) this.todo("the if function is not converted by heatshift convert yet; the branch chosen with the parameters' defaults is used", this.file, [...path, k]);
          findIf(v, [...path, k]);
        }
      }
    };
    findIf(raw.resources, ["resources"]);
    findIf(raw.outputs, ["outputs"]);
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
    const units = componentUnits(this.stack, this.ids);
    const claimed = new Set(units.flatMap((u) => u.members.map((m) => m.name)));
    const todos: Unit[] = [];
    for (const r of this.stack.resources) {
      if (claimed.has(r.name)) continue;
      const unit = r.nested === undefined ? plainUnit(r, this.ids, importName) : undefined;
      if (unit !== undefined) units.push(unit);
      else {
        const why = r.nested !== undefined ? "nested templates are not converted by heatshift convert yet (they would become functions)" : `resource type ${r.definition.type} is not converted by heatshift convert yet`;
        const line = this.todo(`resource ${r.name}: ${why}`, r.file, [...r.definition.path, "type"]);
        todos.push({ members: [r], kind: "TODO", variable: "", bindings: new Map(), emit: () => ({ refs: new Set(), render: () => line }) });
      }
    }
    for (const unit of todos) this.coverage.add("resource", unit.members[0].definition.type, "TODO");
    for (const unit of units) {
      unit.bindings.forEach((b, name) => this.bindings.set(name, b));
      for (const m of unit.members) this.coverage.add("resource", m.definition.type, unit.kind);
      for (const m of unit.members) {
        if (m.externalId !== undefined) this.todo(`resource ${m.name}: external_id (adopting an existing resource) is not converted; use pulumi import`, m.file, [...m.definition.path, "external_id"]);
        if (m.updatePolicy !== undefined) this.todo(`resource ${m.name}: update_policy has no Pulumi equivalent`, m.file, [...m.definition.path, "update_policy"]);
        if (m.deletionPolicy === "Snapshot") this.todo(`resource ${m.name}: deletion_policy Snapshot has no Pulumi equivalent`, m.file, [...m.definition.path, "deletion_policy"]);
      }
    }
    return [...units, ...todos];
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

  private unitStatement(unit: Unit, ctx: EmitContext): string {
    const code = unit.emit(ctx);
    const members = new Set(unit.members.map((m) => m.name));
    const needed = new Set<string>();
    for (const m of unit.members) this.stack.graph.dependenciesOf(m.name).forEach((d) => !members.has(d) && needed.add(d));
    const carried = new Set([...code.refs].filter((r) => !members.has(r)));
    const explicit = [...needed].filter((d) => !carried.has(d) && this.bindings.has(d));
    // Waiting for a resource that already waits for `d` (Heat's graph, which the program keeps) covers `d`.
    const covering = [...carried, ...explicit];
    const reduced = explicit.filter((d) => !covering.some((other) => other !== d && this.dependsTransitively(other, d)));
    const objects = [...new Set(reduced.map((d) => this.bindings.get(d)!.object))];
    const options: string[] = [];
    const component = unit.kind.startsWith("component ");
    if (objects.length > 0 && !component) options.push(`dependsOn: [${objects.join(", ")}]`);
    if (unit.members.length === 1 && unit.members[0].deletionPolicy === "Retain") options.push("retainOnDelete: true");
    if (objects.length > 0 && component) {
      // A component's own dependsOn does not reach the resources inside it.
      this.usesWaitFor = true;
      options.push(`...waitFor(${objects.join(", ")})`);
    }
    const description = unit.members.map((m) => m.definition.description).filter((d): d is string => d !== undefined && d !== "");
    const comment = description.length > 0 ? `${docComment(description.join("\n"), "")}\n` : "";
    const hot = `// ${unit.members.map((m) => `${m.name} (${m.definition.type})`).join(", ")}\n`;
    return `${comment}${unit.members.length > 1 ? hot : ""}${code.render(options.length === 0 ? undefined : options.length === 1 && options[0].startsWith("...") ? options[0].slice(3) : `{ ${options.join(", ")} }`)}`;
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
      const name = isIdentifier(output.name) ? output.name : this.ids.allocate(output.name);
      if (output.definition.description) lines.push(docComment(output.definition.description, ""));
      if (name !== output.name) lines.push(`// Heat's output ${JSON.stringify(output.name)}.`);
      const value = snippetExpr(output.value, this, this.file, [...output.definition.path, "value"]);
      lines.push(`export const ${name} = ${value.code};`);
      this.coverage.add("output", "", "export");
    }
    countFunctions(this.stack, this.coverage);
    return lines;
  }

  private importLines(): string[] {
    const lines: string[] = [];
    for (const [module, alias] of [...this.namespaces].sort(([a], [b]) => a.localeCompare(b))) lines.push(`import * as ${alias} from ${JSON.stringify(module)};`);
    for (const [module, names] of [...this.named].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`import { ${[...names].sort().join(", ")} } from ${JSON.stringify(module)};`);
    }
    return lines;
  }
}

/**
 * The helper a program gets when a component must wait for a resource outside it: Pulumi's
 * `dependsOn` on a component does not reach its children, `transformations` do.
 */
const WAIT_FOR = `/** Options making a component and every resource inside it wait for \`resources\` (Heat's dependencies). */
function waitFor(...resources: pulumi.Resource[]): pulumi.ComponentResourceOptions {
  return {
    dependsOn: resources,
    transformations: [(args) => ({ props: args.props, opts: pulumi.mergeOptions(args.opts, { dependsOn: resources }) })],
  };
}`;

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
