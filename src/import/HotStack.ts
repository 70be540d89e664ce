/**
 * HotStack: a Heat (HOT) template imported at `pulumi up` time, like AWS CDK's CfnInclude. The
 * template is loaded and checked offline first (load.ts: every problem reported at FILE:LINE:COL);
 * then each resource is created through the registry in Heat's dependency order, its functions
 * evaluated over Pulumi Outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatDiagnostic } from "../hot/diagnostics";
import { selectFromAttribute } from "../hot/functions/get_attr";
import { FunctionContext, FunctionNode, Snippet } from "../hot/functions/types";
import { parseCliParameters } from "../hot/parameters";
import { registry as builtinRegistry, ResourceRegistry } from "../registry/index";
import { resolveProperties } from "../registry/properties";
import { ImportedResource, RegistryEntry } from "../registry/types";
import { LoadedMember, LoadedResource, LoadedStack, loadStack, unknownTypeMessage, UNKNOWN } from "./load";

/** The arguments of a {@link HotStack}. */
export interface HotStackArgs {
  /** Path of the HOT template file. */
  readonly template: string;
  /**
   * Environment files (`-e`), in order: parameters, parameter_defaults, resource_registry.
   * @default []
   */
  readonly environmentFiles?: readonly string[];
  /**
   * Parameter values: a map, or Heat's CLI form `"k1=v1;k2=v2"`. Environment files' `parameters`
   * override these, as in Heat.
   * @default {}
   */
  readonly parameters?: Readonly<Record<string, string | number | boolean | unknown[] | Record<string, unknown>>> | string;
  /**
   * Read parameters that are still missing from Pulumi config (`pulumi config set <name> ...`,
   * `--secret` for hidden ones) in this namespace; `false` to not read config.
   * @default - the project's namespace
   */
  readonly configNamespace?: string | false;
  /**
   * The stack name templates see as `OS::stack_name` (Heat also derives physical names from it).
   * @default - the Pulumi stack name
   */
  readonly stackName?: string;
  /**
   * Treat constructs heatshift accepts but cannot fully honour (update_policy, custom_constraint,
   * unmapped attributes and properties) as errors rather than warnings.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Extra resource options per HOT resource name (`protect`, `ignoreChanges`, `retainOnDelete`,
   * `aliases`, ...), merged into the options of every Pulumi resource made for it. For changes
   * to all children, use the component's own `transforms` option.
   * @default {}
   */
  readonly resourceOptions?: Readonly<Record<string, pulumi.CustomResourceOptions>>;
  /**
   * The registry of HOT types to use.
   * @default - the built-in registry (with what `register()` added)
   */
  readonly registry?: ResourceRegistry;
}

/** The internal constructor input of nested template resources. */
interface NestedInput {
  readonly stack: LoadedStack;
  /** Values of the nested template's parameters that are known only at deployment. */
  readonly runtimeParameters: Readonly<Record<string, unknown>>;
}

/**
 * A HOT template's resources as Pulumi resources (type token `heatshift:hot:HotStack`). Each HOT
 * resource becomes the Pulumi resources of its registry entry, named `<name>-<hot resource>`.
 */
export class HotStack extends pulumi.ComponentResource {
  /** The template's outputs (conditions applied: a disabled output is null). */
  readonly outputs: Readonly<Record<string, pulumi.Output<unknown>>>;
  /** The HOT resource names created, in creation (dependency) order. */
  readonly resourceNames: readonly string[];
  private readonly created = new Map<string, ImportedResource>();
  private readonly byReference = new Map<unknown, ImportedResource>();
  /** The values known only after deployment this nested template received as parameters. */
  private readonly parameterValues: ReadonlySet<unknown>;
  private readonly attributeNames = new Map<string, readonly string[]>();
  private readonly hotName: string;

  constructor(name: string, args: HotStackArgs, opts?: pulumi.ComponentResourceOptions);
  constructor(name: string, args: HotStackArgs, opts: pulumi.ComponentResourceOptions | undefined, nested: NestedInput);
  constructor(name: string, args: HotStackArgs, opts?: pulumi.ComponentResourceOptions, nested?: NestedInput) {
    super("heatshift:hot:HotStack", name, {}, opts);
    this.hotName = name;
    this.parameterValues = new Set(Object.values(nested?.runtimeParameters ?? {}));
    if (typeof args?.template !== "string" || args.template === "") {
      throw new Error(`HotStack ${name}: template is ${JSON.stringify(args?.template)}; expected the path of a HOT template file`);
    }
    const registry = args.registry ?? builtinRegistry;
    const stackName = args.stackName ?? pulumi.getStack();
    const stack = nested?.stack ?? loadForComponent(name, args, registry, stackName);
    for (const warning of stack.diagnostics.warnings) pulumi.log.warn(formatDiagnostic(warning), this);

    const secrets = new Map<string, unknown>();
    const getParam = (parameter: string): unknown => {
      if (nested && parameter in nested.runtimeParameters) return nested.runtimeParameters[parameter];
      const p = stack.parameters.get(parameter);
      if (!p) return undefined;
      if (!p.hidden) return p.value;
      if (!secrets.has(parameter)) secrets.set(parameter, pulumi.secret(p.value));
      return secrets.get(parameter);
    };
    const context: FunctionContext = {
      getParam,
      getResource: (resource) => this.created.get(resource)?.referenceId,
      getAttr: (resource, attribute, path) => this.attributeOf(resource, attribute, path),
      getFile: (file) => stack.getFile(file),
      condition: (condition) => stack.conditions?.condition(condition),
      resourceFacade: (kind) => stack.facade?.(kind),
    };
    const evaluate = (snippet: Snippet | undefined): unknown => evaluateDeep(snippet, context);

    const byName = new Map(stack.resources.map((r) => [r.name, r]));
    for (const resourceName of stack.graph.order) {
      const resource = byName.get(resourceName)!;
      const dependsOn = stack.graph.dependenciesOf(resourceName).flatMap((d) => this.created.get(d)?.resources ?? []);
      const options = this.optionsFor(resource, dependsOn, args.resourceOptions?.[resourceName], evaluate);
      const logicalName = `${name}-${resourceName}`;
      const imported = resource.nested
        ? this.createTemplateResource(logicalName, resource.nested, evaluate(resource.properties), args, options)
        : this.createFromEntry(resource.entry!, {
            name: resourceName,
            logicalName,
            properties: evaluate(resource.properties),
            metadata: evaluate(resource.metadata),
            options,
            stackName,
            registry,
            evaluate,
            args,
            members: resource.members,
            external: resource.externalId !== undefined && resource.externalId !== null,
          });
      this.created.set(resourceName, imported);
      this.attributeNames.set(
        resourceName,
        resource.nested ? [...resource.nested.template.outputs.keys()] : Object.keys(resource.entry!.attributes),
      );
      this.byReference.set(imported.referenceId, imported);
    }
    this.resourceNames = [...stack.graph.order];

    const outputs: Record<string, pulumi.Output<unknown>> = {};
    for (const output of stack.outputs) outputs[output.name] = pulumi.output(output.enabled ? (evaluate(output.value) as pulumi.Input<unknown>) : null);
    this.outputs = outputs;
    this.registerOutputs(outputs);
  }

  /** What was created for a HOT resource: its reference id, attributes and Pulumi resources. */
  getResource(name: string): ImportedResource {
    const found = this.created.get(name);
    if (!found) {
      throw new Error(`HotStack ${this.hotName}: no resource "${name}" (resources: ${[...this.created.keys()].join(", ")})`);
    }
    return found;
  }

  /** An output of the template. */
  getOutput(name: string): pulumi.Output<unknown> {
    if (!(name in this.outputs)) throw new Error(`HotStack ${this.hotName}: no output "${name}" (outputs: ${Object.keys(this.outputs).join(", ")})`);
    return this.outputs[name];
  }

  private attributeOf(resource: string, attribute: string | undefined, path: readonly (string | number)[]): unknown {
    const found = this.created.get(resource);
    if (!found) return undefined;
    if (attribute === undefined) {
      // `get_attr: [resource]`: every mapped attribute, as a map.
      const names = this.attributeNames.get(resource) ?? [];
      const values = names.map((n) => [n, found.attribute(n)] as const).filter(([, v]) => v !== undefined);
      return pulumi.all(Object.fromEntries(values) as Record<string, pulumi.Output<unknown>>);
    }
    const exact = found.attributeAt?.(attribute, path);
    if (exact) return exact;
    const value = found.attribute(attribute);
    // Unmapped attributes were reported when the template was loaded; their value is Heat's null,
    // known now: a property given just this is not set, as in Heat.
    if (!value) return null;
    return path.length === 0 ? value : value.apply((v) => selectFromAttribute(v, path));
  }

  private optionsFor(
    resource: LoadedResource,
    dependsOn: pulumi.Resource[],
    extra: pulumi.CustomResourceOptions | undefined,
    evaluate: (s: Snippet | undefined) => unknown,
  ): pulumi.CustomResourceOptions {
    const options: pulumi.CustomResourceOptions = { parent: this, dependsOn };
    if (resource.deletionPolicy === "Retain") options.retainOnDelete = true;
    if (resource.externalId !== undefined && resource.externalId !== null) {
      const id = evaluate(resource.externalId);
      if (typeof id !== "string") {
        throw new Error(`${resource.name}: external_id must be known before deployment (a string or get_param), got ${typeof id}`);
      }
      options.import = id;
    }
    if (!extra) return options;
    const extraDepends = extra.dependsOn === undefined ? [] : Array.isArray(extra.dependsOn) ? extra.dependsOn : [extra.dependsOn];
    return { ...options, ...extra, parent: this, dependsOn: [...dependsOn, ...(extraDepends as pulumi.Input<pulumi.Resource>[])] };
  }

  private createFromEntry(
    entry: RegistryEntry,
    input: {
      name: string;
      logicalName: string;
      properties: unknown;
      metadata: unknown;
      options: pulumi.CustomResourceOptions;
      stackName: string;
      registry: ResourceRegistry;
      evaluate: (s: Snippet | undefined) => unknown;
      args: HotStackArgs;
      /** Group members of a template type, loaded (the others are created from the registry). */
      members?: readonly LoadedMember[];
      /** Adopted (`external_id`): as Heat, its properties are not checked (the loader warns). @default false */
      external?: boolean;
    },
  ): ImportedResource {
    const resolved = resolveProperties(entry, input.properties);
    if (resolved.problems.length > 0 && !input.external) {
      throw new Error(`${input.name} (${entry.type}): ${resolved.problems.map((p) => p.message).join("; ")}`);
    }
    return entry.create({
      name: input.name,
      logicalName: input.logicalName,
      properties: resolved.values,
      metadata: input.metadata,
      options: input.options,
      stackName: input.stackName,
      referencedResource: (value) => this.byReference.get(value),
      isParameterValue: (value) => this.parameterValues.has(value),
      createNested: (memberName, type, properties, metadata) => {
        const logicalName = `${input.logicalName}-${memberName}`;
        const template = input.members?.find((m) => m.name === memberName);
        if (template) {
          const imported = this.createTemplateResource(logicalName, template.stack, properties, input.args, input.options);
          this.byReference.set(imported.referenceId, imported);
          return imported;
        }
        const member = input.registry.get(type);
        if (!member) throw new Error(`${input.name}: member type ${type}: ${unknownTypeMessage(type, input.registry)}`);
        const imported = this.createFromEntry(member, {
          ...input,
          name: memberName,
          logicalName,
          properties,
          metadata,
          members: undefined,
          external: false,
        });
        this.byReference.set(imported.referenceId, imported);
        return imported;
      },
    });
  }

  /** A template resource: a nested HotStack whose parameters are the resource's properties. */
  private createTemplateResource(
    logicalName: string,
    stack: LoadedStack,
    properties: unknown,
    args: HotStackArgs,
    options: pulumi.CustomResourceOptions,
  ): ImportedResource {
    const runtimeParameters: Record<string, unknown> = {};
    for (const [key, value] of Object.entries((properties ?? {}) as Record<string, unknown>)) {
      if (stack.parameters.get(key)?.value === UNKNOWN) runtimeParameters[key] = value;
    }
    const child = new HotStack(
      logicalName,
      { ...args, template: stack.template.file, resourceOptions: {} },
      { parent: this, dependsOn: options.dependsOn, protect: options.protect, retainOnDelete: options.retainOnDelete },
      { stack, runtimeParameters },
    );
    const referenceId = "OS::stack_id" in child.outputs ? child.outputs["OS::stack_id"] : pulumi.output(logicalName);
    return {
      referenceId,
      resources: [child],
      attribute: (name) => child.outputs[name],
      attributeAt: (name, path) => {
        const inner = /^resource\.([^.]+)(?:\.(.+))?$/.exec(name);
        if (inner) {
          const member = child.created.get(inner[1]);
          if (!member) return pulumi.output(null);
          if (inner[2] === undefined) return member.referenceId;
          return pulumi.output(child.attributeOf(inner[1], inner[2], path) as pulumi.Input<unknown>);
        }
        const value = child.outputs[name];
        return value === undefined ? undefined : path.length === 0 ? value : value.apply((v) => selectFromAttribute(v, path));
      },
    };
  }
}

function loadForComponent(name: string, args: HotStackArgs, registry: ResourceRegistry, stackName: string): LoadedStack {
  let parameters: Record<string, unknown>;
  try {
    parameters = typeof args.parameters === "string" ? parseCliParameters([args.parameters]) : { ...(args.parameters ?? {}) };
  } catch (error) {
    throw new Error(`HotStack ${name}: parameters ${JSON.stringify(args.parameters)}: ${(error as Error).message}`);
  }
  const config = args.configNamespace === false ? undefined : new pulumi.Config(args.configNamespace);
  const { stack, diagnostics } = loadStack({
    templateFile: args.template,
    environmentFiles: args.environmentFiles,
    parameters,
    parameterFallback: config ? (parameter) => config.get(parameter) : undefined,
    stackName,
    strict: args.strict ?? false,
    registry,
  });
  if (!stack || diagnostics.hasErrors) {
    const lines = diagnostics.errors.map(formatDiagnostic);
    throw new Error(`HotStack ${name}: the template ${args.template} cannot be imported:\n${lines.join("\n")}`);
  }
  return stack;
}

/** Evaluates the function calls of a snippet, keeping containers plain (Outputs sit at the leaves, as Pulumi Inputs allow). */
function evaluateDeep(snippet: Snippet | undefined, context: FunctionContext): unknown {
  if (snippet === undefined || snippet === null) return snippet ?? undefined;
  if (snippet instanceof FunctionNode) return snippet.evaluate(context);
  if (Array.isArray(snippet)) return snippet.map((s) => evaluateDeep(s, context));
  if (typeof snippet === "object") {
    return Object.fromEntries(Object.entries(snippet).map(([k, v]) => [k, evaluateDeep(v, context)]));
  }
  return snippet;
}
