/**
 * `heatshift adopt`'s work: a live Heat stack (its abandon document, or its resource list and
 * template) becomes a `pulumi import --file` document that takes each resource over under the
 * type, name and parent that `heatshift convert` gives it, so the converted program finds them in
 * its state and replaces nothing. Every resource that cannot be imported is reported with the
 * reason and what to do; none is left out silently.
 */
import * as fs from "fs";
import { HotError, NodePath } from "../hot/diagnostics";
import { loadStack } from "../import/load";
import { HeatResource, HeatStack, readHeatStack } from "./heatStack";
import { convertedResources, ImportId, ProgramComponent, ProgramResource } from "./programResources";

/** One entry of a `pulumi import --file` document (pkg/cmd/pulumi/operations/import.go `importSpec`). */
export interface ImportSpec {
  readonly type: string;
  /** The entry's name in this document (unique); `parent` refers to it. */
  readonly name: string;
  /** The Pulumi name, when it differs from `name`. */
  readonly logicalName?: string;
  /** The cloud ID (absent for components). */
  readonly id?: string;
  /** The `name` of the entry of the component it belongs to. */
  readonly parent?: string;
  readonly component?: true;
  /** The provider plugin version (that of the program's @pulumi/openstack). */
  readonly version?: string;
}

/** A `pulumi import --file` document. */
export interface ImportDocument {
  readonly resources: readonly ImportSpec[];
}

/** What to adopt. */
export interface AdoptOptions {
  /** The `openstack stack abandon` or `openstack stack resource list -f json` output file. */
  readonly heatFile: string;
  /** The stack's template (required for a resource list; for an abandon document it replaces the one inside). @default - the abandon document's */
  readonly templateFile?: string;
  /** Environment files of the template given with `templateFile`. @default [] */
  readonly environmentFiles?: readonly string[];
  /** Import IDs Heat does not know (router interface ports, security group rules), by the entry's name in the document. @default {} */
  readonly ids?: Readonly<Record<string, string>>;
  /** Reads a file. @default fs.readFileSync */
  readonly readFile?: (file: string) => string;
}

/** The outcome: the document when there is no error, and every problem (warnings list what is not imported). */
export interface AdoptResult {
  readonly document?: ImportDocument;
  readonly problems: readonly HotError[];
}

/** The version of the OpenStack SDK the converted program uses: its default provider is that plugin version. */
export function openstackSdkVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve("@pulumi/openstack/package.json"), "utf8")) as { version: string }).version;
}

/** Builds the import document; never throws for bad input (problems are in the result). */
export function adoptStack(options: AdoptOptions): AdoptResult {
  const read = options.readFile ?? ((file: string) => fs.readFileSync(file, "utf8"));
  let heat: HeatStack;
  try {
    heat = readHeatStack(read(options.heatFile), options.heatFile);
  } catch (error) {
    if (error instanceof HotError) return { problems: [error] };
    return { problems: [new HotError(`cannot read the Heat stack document: ${(error as Error).message}`, options.heatFile, [])] };
  }
  const loaded = loadTemplate(heat, options, read);
  if (loaded.stack === undefined) return { problems: loaded.problems };
  return new Adoption(heat, options.ids ?? {}, loaded.problems).document(convertedResources(loaded.stack));
}

/** The template: `--template` with its environment files, or the abandon document's own (its problems located in the document). */
function loadTemplate(heat: HeatStack, options: AdoptOptions, read: (file: string) => string) {
  if (options.templateFile === undefined && heat.template === undefined) {
    return { problems: [new HotError("a resource list does not hold the stack's template: give it with --template TEMPLATE (and its -e ENV files)", heat.file, [])] };
  }
  const inside = options.templateFile === undefined;
  const templateFile = inside ? `${heat.file}#template` : options.templateFile!;
  const environmentFile = `${heat.file}#environment`;
  const environmentFiles = inside ? (heat.environment === undefined ? [] : [environmentFile]) : (options.environmentFiles ?? []);
  const { stack, diagnostics } = loadStack({
    templateFile,
    templateText: inside ? JSON.stringify(heat.template) : undefined,
    environmentFiles,
    requireParameters: false,
    stackName: heat.stackName,
    readFile: (file) => (inside && file === environmentFile ? JSON.stringify(heat.environment) : read(file)),
  });
  // The abandon document's template and environment are parts of the document: point into it.
  const within = (p: HotError): HotError => {
    const part = p.file === templateFile && inside ? "template" : p.file === environmentFile && inside ? "environment" : undefined;
    return part === undefined ? p : new HotError(p.message, heat.file, [part, ...p.path], p.severity, { target: p.options.target });
  };
  const problems = diagnostics.problems.map(within);
  return { stack: diagnostics.hasErrors ? undefined : stack, problems };
}

class Adoption {
  private readonly problems: HotError[];
  private readonly heatByName: ReadonlyMap<string, HeatResource>;
  private readonly usedIds = new Set<string>();
  /** Entries of one security group's rules that need an --id (one warning for them all). */
  private readonly rulesWithoutId: string[] = [];

  constructor(
    private readonly heat: HeatStack,
    private readonly givenIds: Readonly<Record<string, string>>,
    problems: readonly HotError[],
  ) {
    this.problems = [...problems];
    this.heatByName = new Map(heat.resources.map((r) => [r.name, r]));
  }

  document(converted: ReturnType<typeof convertedResources>): AdoptResult {
    const version = openstackSdkVersion();
    const names = new Names();
    const specs: ImportSpec[] = [];
    const components = new ComponentEntries(names);
    const inTemplate = new Set(converted.map((c) => c.hot.name));
    for (const { hot, resources, notConverted } of converted) {
      const heat = this.heatByName.get(hot.name);
      if (notConverted !== undefined) {
        this.warn(`resource ${hot.name} (${hot.definition.type}) is not imported: ${notConverted} (the program has a TODO for it)`, heat);
        continue;
      }
      if (heat === undefined) {
        this.problems.push(new HotError(`resource ${hot.name} (${hot.definition.type}) is not imported: the stack has no such resource (not created by Heat, or the template is not the stack's); \`pulumi up\` will create it`, hot.file, [...hot.definition.path], "warning"));
        continue;
      }
      if (heat.type !== hot.definition.type) {
        this.problems.push(new HotError(`resource ${hot.name} is ${hot.definition.type} in the template but ${heat.type} in the stack: give the stack's own template (--template)`, this.heat.file, [...heat.path], "error"));
        continue;
      }
      for (const resource of resources) {
        const parent = resource.parent === undefined ? undefined : components.entryFor(resource.parent);
        const name = names.peek(resource.name);
        const id = this.importId(resource, name);
        if (id === undefined) continue;
        if (parent !== undefined) components.write(parent, specs);
        names.take(name);
        specs.push({ type: resource.type, name, ...(name === resource.name ? {} : { logicalName: resource.name }), id, ...(parent === undefined ? {} : { parent: parent.name }), version });
        if (resource.afterImport !== undefined) this.warn(`${resource.type} ${name} is imported, but ${resource.afterImport}`, heat);
      }
      if (this.rulesWithoutId.length > 0) {
        const group = heat.physicalId ?? "GROUP";
        this.warn(
          `security group rules ${this.rulesWithoutId.join(", ")} (for ${hot.name}, in the order of its rules) are not imported: Heat keeps only the group's id, not the ids of the rules it made; ` +
            `find them in \`openstack security group rule list ${group} -f json\` (same protocol, ports, direction and remote) and run adopt again with --id ${this.rulesWithoutId[0]}=RULE_ID and so on (without them, \`pulumi up\` creates the rules again and Neutron refuses the duplicates)`,
          heat,
        );
        this.rulesWithoutId.length = 0;
      }
    }
    for (const r of this.heat.resources) {
      if (!inTemplate.has(r.name)) this.warn(`resource ${r.name} (${r.type}) of the stack is not in the template: not imported`, r);
    }
    for (const name of Object.keys(this.givenIds).filter((n) => !this.usedIds.has(n))) {
      this.problems.push(new HotError(`--id ${name}: no resource of the document needs an ID under that name (names: ${specs.filter((s) => s.id !== undefined).map((s) => s.name).join(", ") || "none"}, and those reported as needing --id)`, this.heat.file, [], "error"));
    }
    const failed = this.problems.some((p) => p.severity === "error");
    return { document: failed ? undefined : { resources: specs }, problems: this.problems };
  }

  /** The import ID, or undefined (with a warning saying why and what to do). */
  private importId(resource: ProgramResource, entryName: string): string | undefined {
    const given = resource.id.kind === "notImportable" ? undefined : this.givenIds[entryName];
    if (given !== undefined) {
      this.usedIds.add(entryName);
      return given;
    }
    const what = `${resource.type} ${entryName}${entryName === resource.hot ? "" : ` (for ${resource.hot})`}`;
    const id: ImportId = resource.id;
    const heat = this.heatByName.get(resource.hot);
    switch (id.kind) {
      case "physical": {
        const of = this.heatByName.get(id.of);
        if (of?.physicalId !== undefined) return of.physicalId;
        this.warn(`${what} is not imported: Heat has no physical id for ${id.of} (status ${of?.status || "unknown"}); \`pulumi up\` will create it`, of ?? heat);
        return undefined;
      }
      case "routerInterfacePort": {
        // Heat's id is ROUTER:subnet_id=SUBNET or ROUTER:port_id=PORT (ROUTER:SUBNET before Kilo); the provider imports the port.
        const tokens = (heat?.physicalId ?? "").replace("=", ":").split(":");
        if (tokens.length === 3 && tokens[1] === "port_id") return tokens[2];
        const lookup = tokens.length >= 2 ? `openstack port list --router ${tokens[0]} --fixed-ip subnet=${tokens[tokens.length - 1]} -f value -c ID` : "openstack port list --router ROUTER --fixed-ip subnet=SUBNET -f value -c ID";
        this.warn(`${what} is not imported: the provider imports a router interface by its port's id, which Heat does not keep (its id is ${JSON.stringify(heat?.physicalId ?? null)}); find it with \`${lookup}\` and run adopt again with --id ${entryName}=PORT_ID`, heat);
        return undefined;
      }
      case "securityGroupRule":
        this.rulesWithoutId.push(entryName);
        return undefined;
      case "notImportable":
        this.warn(`${what} is not imported: ${id.why}`, heat);
        return undefined;
    }
  }

  private warn(message: string, at: HeatResource | undefined): void {
    this.problems.push(new HotError(message, this.heat.file, at === undefined ? [] : ([...at.path] as NodePath), "warning"));
  }
}

/** Entry names, each once: a Pulumi name already taken (a FlaskyServer and its instance share one) gets `_2`, `_3`... */
class Names {
  private readonly taken = new Set<string>();

  /** The name `take` would give now. */
  peek(name: string): string {
    if (!this.taken.has(name)) return name;
    for (let n = 2; ; n++) if (!this.taken.has(`${name}_${n}`)) return `${name}_${n}`;
  }

  take(name: string): string {
    const free = this.peek(name);
    this.taken.add(free);
    return free;
  }
}

/** The entries of components: named when first met (before their children), written before their first imported child. */
class ComponentEntries {
  private readonly entries = new Map<string, ImportSpec & { component: true }>();
  private readonly written = new Set<string>();

  constructor(private readonly names: Names) {}

  entryFor(component: ProgramComponent): ImportSpec & { component: true } {
    const key = `${component.type}::${component.name}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const name = this.names.take(component.name);
      entry = { type: component.type, name, ...(name === component.name ? {} : { logicalName: component.name }), component: true };
      this.entries.set(key, entry);
    }
    return entry;
  }

  write(entry: ImportSpec, specs: ImportSpec[]): void {
    if (this.written.has(entry.name)) return;
    this.written.add(entry.name);
    specs.push(entry);
  }
}
