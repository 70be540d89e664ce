/**
 * The Template model: a parsed HOT file checked section by section as Heat checks it
 * (heat/engine/template.py `validate`, hot/template.py, template_common.py `_rsrc_defn_args`,
 * parameter_groups.py), with every problem recorded at its node rather than the first one thrown.
 * Function calls inside properties, metadata, outputs and conditions are left as parsed: the function
 * layer (functions/, conditions.ts) resolves and checks them.
 */
import { Diagnostics, NodePath } from "./diagnostics";
import { describeType, isMap, pythonTruthy } from "./functions/python";
import { ParameterDefinition, parseParameterDefinitions, PSEUDO_PARAMETERS } from "./parameters";
import { HotMap, ParsedFile, parseTemplateText, TemplateParseOptions } from "./parse";
import { DeletionPolicy, detectVersion, HotVersion } from "./versions";

/** One entry of the `resources` section. */
export interface ResourceDefinition {
  readonly name: string;
  /** A resource type, an environment alias, or a template file (`.yaml`/`.template`). */
  readonly type: string;
  /** The properties as written (functions unresolved); `{}` when absent. */
  readonly properties: unknown;
  /** The metadata as written, undefined when absent. */
  readonly metadata?: unknown;
  /** Explicit dependencies (depends_on as a list, even when written as one string). */
  readonly dependsOn: readonly string[];
  /**
   * The deletion policy: a literal normalised to Delete/Retain/Snapshot, or the function call as
   * written (get_param/if) for the function layer to decide. Undefined: Heat's default, Delete.
   */
  readonly deletionPolicy?: DeletionPolicy | HotMap;
  /** The update_policy as written (resource-type specific). */
  readonly updatePolicy?: unknown;
  /** The physical id to adopt (2016-10-14 on): a string or a function call as written. */
  readonly externalId?: unknown;
  /** The condition (2016-10-14 on): a condition name, a bool, or an inline condition as written. */
  readonly condition?: unknown;
  readonly description?: string;
  /** Where the definition is: `["resources", name]`. */
  readonly path: NodePath;
}

/** One entry of the `outputs` section. */
export interface OutputDefinition {
  readonly name: string;
  /** The value as written (functions unresolved). */
  readonly value: unknown;
  readonly description?: string;
  /** The condition (2016-10-14 on) as written. */
  readonly condition?: unknown;
  readonly path: NodePath;
}

/** One entry of `parameter_groups`: informational ordering for UIs. */
export interface ParameterGroup {
  readonly label?: string;
  readonly description?: string;
  readonly parameters: readonly string[];
}

/** A HOT template after its section-level checks. */
export interface HotTemplate {
  /** The file name used in diagnostics. */
  readonly file: string;
  readonly version: HotVersion;
  readonly description?: string;
  readonly parameterGroups: readonly ParameterGroup[];
  /** Valid parameter definitions, in template order (invalid ones are reported and left out). */
  readonly parameters: ReadonlyMap<string, ParameterDefinition>;
  /** Valid resource definitions, in template order. */
  readonly resources: ReadonlyMap<string, ResourceDefinition>;
  /** Valid output definitions, in template order. */
  readonly outputs: ReadonlyMap<string, OutputDefinition>;
  /** The `conditions` section as written (`{}` when absent or not a map: conditions.ts checks and reports it). */
  readonly conditions: HotMap;
  /** The whole parsed file. */
  readonly raw: HotMap;
  /** Positions of nodes of this file. */
  readonly source: ParsedFile<HotMap>;
}

/** A single-key map: the only map shape that can be a function call where Heat wants a string. */
function mayBeFunctionCall(v: unknown): v is HotMap {
  return isMap(v) && Object.keys(v).length === 1;
}

/** The section as a map; null means empty (`resources:` with nothing under it), as in Heat. */
function sectionMap(raw: HotMap, name: string, what: string, file: string, diagnostics: Diagnostics): HotMap {
  const section = raw[name];
  if (section === undefined || section === null) return {};
  if (!isMap(section)) {
    diagnostics.error(`"${name}" must contain a map of ${what} maps. Found a [${describeType(section)}] instead`, file, [name]);
    return {};
  }
  return section;
}

function checkSections(raw: HotMap, version: HotVersion, file: string, diagnostics: Diagnostics): void {
  for (const key of Object.keys(raw)) {
    if (version.sections.includes(key)) continue;
    const hint =
      key === "conditions"
        ? ` (the conditions section needs heat_template_version 2016-10-14 or later; this is ${version.written})`
        : ` (sections of heat_template_version ${version.written}: ${version.sections.join(", ")})`;
    diagnostics.error(`The template section is invalid: ${key}${hint}`, file, [key], { target: "key" });
  }
}

function parseResource(
  name: string,
  body: unknown,
  version: HotVersion,
  file: string,
  diagnostics: Diagnostics,
  resourceNames: ReadonlySet<string>,
): ResourceDefinition | undefined {
  const path = ["resources", name];
  if (body === null || body === undefined || (isMap(body) && Object.keys(body).length === 0)) {
    diagnostics.error(`Each resource must contain a type key. Resource ${name} has none`, file, path, { target: "key" });
    return undefined;
  }
  if (!isMap(body)) {
    diagnostics.error(`"resources" must contain a map of resource maps. Found a [${describeType(body)}] instead (resource ${name})`, file, path);
    return undefined;
  }
  let ok = true;
  const fail = (message: string, key: string, target: "key" | "value" = "value") => {
    diagnostics.error(message, file, [...path, key], { target });
    ok = false;
  };
  for (const key of Object.keys(body)) {
    if (version.resourceKeys.includes(key)) continue;
    const hint =
      key === "condition" || key === "external_id"
        ? ` (${key} needs heat_template_version 2016-10-14 or later; this is ${version.written})`
        : ` (allowed: ${version.resourceKeys.join(", ")})`;
    fail(`"${key}" is not a valid keyword inside a resource definition${hint}`, key, "key");
  }
  if (!("type" in body)) {
    diagnostics.error(`Each resource must contain a type key. Resource ${name} has none`, file, path, { target: "key" });
    return undefined;
  }
  const type = body.type;
  if (typeof type !== "string") fail(`Resource ${name} type type must be string, found ${describeType(type)}`, "type");
  else if (type === "") fail(`Each Resource must contain a Type key. Resource ${name} has an empty type`, "type");

  const objectField = (key: string) => {
    if (key in body && !isMap(body[key])) {
      fail(`Resource ${name} ${key} type must be object, found ${describeType(body[key])}`, key);
    }
  };
  objectField("properties");
  objectField("metadata");
  objectField("update_policy");

  let dependsOn: string[] = [];
  if ("depends_on" in body) {
    const deps = body.depends_on;
    if (typeof deps === "string") dependsOn = [deps];
    else if (Array.isArray(deps)) {
      deps.forEach((d, i) => {
        if (typeof d !== "string") {
          diagnostics.error(`Resource ${name} depends_on must be a list of strings, found ${describeType(d)}`, file, [...path, "depends_on", i]);
          ok = false;
        }
      });
      dependsOn = deps.filter((d): d is string => typeof d === "string");
    } else fail(`Resource ${name} depends_on type must be list or string, found ${describeType(deps)}`, "depends_on");
    dependsOn.forEach((dep) => {
      if (resourceNames.has(dep)) return;
      const at = typeof deps === "string" ? [...path, "depends_on"] : [...path, "depends_on", (deps as unknown[]).indexOf(dep)];
      diagnostics.error(`The specified reference "${dep}" (in ${name}) is incorrect: there is no resource ${dep}`, file, at);
      ok = false;
    });
  }

  let deletionPolicy: DeletionPolicy | HotMap | undefined;
  if ("deletion_policy" in body) {
    const policy = body.deletion_policy;
    if (typeof policy === "string") {
      deletionPolicy = version.deletionPolicies[policy];
      if (deletionPolicy === undefined) {
        fail(`Invalid deletion policy "${policy}" (allowed: ${Object.keys(version.deletionPolicies).join(", ")})`, "deletion_policy");
      }
    } else if (mayBeFunctionCall(policy)) deletionPolicy = policy;
    else fail(`Resource ${name} deletion_policy type must be string, found ${describeType(policy)}`, "deletion_policy");
  }

  if ("description" in body && typeof body.description !== "string") {
    fail(`Resource ${name} description type must be string, found ${describeType(body.description)}`, "description");
  }
  if ("external_id" in body && version.hasConditions) {
    const id = body.external_id;
    if (typeof id !== "string" && !mayBeFunctionCall(id)) {
      fail(`Resource ${name} external_id type must be string, found ${describeType(id)}`, "external_id");
    }
  }
  if ("condition" in body && version.hasConditions) {
    const c = body.condition;
    if (typeof c !== "string" && typeof c !== "boolean" && !mayBeFunctionCall(c)) {
      fail(`Resource ${name} condition type must be string_or_boolean, found ${describeType(c)}`, "condition");
    }
  }
  if (!ok) return undefined;
  return {
    name,
    type: type as string,
    properties: body.properties ?? {},
    metadata: body.metadata,
    dependsOn,
    deletionPolicy,
    updatePolicy: body.update_policy,
    externalId: body.external_id,
    condition: body.condition,
    description: body.description as string | undefined,
    path,
  };
}

function parseOutput(name: string, body: unknown, version: HotVersion, file: string, diagnostics: Diagnostics): OutputDefinition | undefined {
  // Heat's checks here are template_common.outputs' (the engine's path); unknown keys are ignored there.
  const path = ["outputs", name];
  if (!isMap(body)) {
    diagnostics.error(`Output definitions must be a map. Found a ${describeType(body)} instead (output ${name})`, file, path, { target: "key" });
    return undefined;
  }
  for (const key of Object.keys(body)) {
    if (version.outputKeys.includes(key)) continue;
    const hint =
      key === "condition"
        ? `condition needs heat_template_version 2016-10-14 or later (this is ${version.written}), so Heat ignores it and the output is always shown`
        : `Heat ignores it (allowed: ${version.outputKeys.join(", ")})`;
    diagnostics.warning(`"${key}" is not a valid keyword inside an output definition: ${hint}`, file, [...path, key], { target: "key" });
  }
  if (!("value" in body)) {
    diagnostics.error(`Each output definition must contain a value key. Output ${name} has none`, file, path, { target: "key" });
    return undefined;
  }
  return {
    name,
    value: body.value,
    description: body.description === undefined || body.description === null ? undefined : String(body.description),
    condition: version.hasConditions ? body.condition : undefined,
    path,
  };
}

function parseParameterGroups(raw: HotMap, names: ReadonlySet<string>, file: string, diagnostics: Diagnostics): ParameterGroup[] {
  const section = raw.parameter_groups;
  // Heat skips the checks for any false-y value (None, [], {}, "").
  if (!pythonTruthy(section)) return [];
  if (!Array.isArray(section)) {
    diagnostics.error(`The parameter_groups should be a list. Found a [${describeType(section)}] instead`, file, ["parameter_groups"]);
    return [];
  }
  const groups: ParameterGroup[] = [];
  const seen = new Set<string>();
  section.forEach((group, i) => {
    const path = ["parameter_groups", i];
    if (!isMap(group)) {
      diagnostics.error(`Each parameter group must be a map with a parameters list. Found a [${describeType(group)}] instead`, file, path);
      return;
    }
    const params = group.parameters;
    if (params === undefined || params === null) {
      diagnostics.error("The parameters must be provided for each parameter group.", file, path, { target: "key" });
      return;
    }
    if (!Array.isArray(params)) {
      diagnostics.error(`The parameters of parameter group should be a list. Found a [${describeType(params)}] instead`, file, [...path, "parameters"]);
      return;
    }
    params.forEach((p, j) => {
      const at = [...path, "parameters", j];
      const pname = typeof p === "string" ? p : String(p);
      if (seen.has(pname)) {
        diagnostics.error(`The ${pname} parameter must be assigned to one parameter group only.`, file, at);
      } else if (!names.has(pname)) {
        diagnostics.error(`The grouped parameter ${pname} does not reference a valid parameter.`, file, at);
      }
      seen.add(pname);
    });
    groups.push({
      label: typeof group.label === "string" ? group.label : undefined,
      description: typeof group.description === "string" ? group.description : undefined,
      parameters: params.map((p) => (typeof p === "string" ? p : String(p))),
    });
  });
  return groups;
}

/**
 * Check a parsed template's sections and build the model. Every problem goes to `diagnostics`;
 * returns undefined only when the version is unusable (nothing else can be checked then).
 */
export function buildTemplate(parsed: ParsedFile<HotMap>, diagnostics: Diagnostics): HotTemplate | undefined {
  const file = parsed.file;
  const raw = parsed.value;
  for (const p of parsed.problems) diagnostics.add(p);
  const version = diagnostics.capture(() => detectVersion(raw, file));
  if (!version) return undefined;
  checkSections(raw, version, file, diagnostics);

  const parameters = parseParameterDefinitions(raw.parameters, version, file, diagnostics);

  const resources = new Map<string, ResourceDefinition>();
  const resourceSection = sectionMap(raw, "resources", "resource", file, diagnostics);
  const resourceNames = new Set(Object.keys(resourceSection));
  for (const [name, body] of Object.entries(resourceSection)) {
    const r = parseResource(name, body, version, file, diagnostics, resourceNames);
    if (r) resources.set(name, r);
  }
  const declaredParameterNames = raw.parameters && isMap(raw.parameters) ? Object.keys(raw.parameters) : [];
  const duplicates = Object.keys(resourceSection).filter(
    (n) => declaredParameterNames.includes(n) || (PSEUDO_PARAMETERS as readonly string[]).includes(n),
  );
  for (const dup of duplicates) {
    diagnostics.error(`Duplicate names {'${dup}'}: a resource and a parameter may not share a name`, file, ["resources", dup], { target: "key" });
  }

  const outputs = new Map<string, OutputDefinition>();
  for (const [name, body] of Object.entries(sectionMap(raw, "outputs", "output", file, diagnostics))) {
    const o = parseOutput(name, body, version, file, diagnostics);
    if (o) outputs.set(name, o);
  }

  // The section's shape and definitions are checked by conditions.ts, which evaluates them.
  const conditions: HotMap = version.hasConditions && isMap(raw.conditions) ? raw.conditions : {};

  // OS::stack_name is only a parameter when the stack has a name, which parameter_groups cannot count on (Heat validates them without one).
  const groupNames = new Set<string>([...declaredParameterNames, "OS::stack_id", "OS::project_id"]);
  const parameterGroups = parseParameterGroups(raw, groupNames, file, diagnostics);

  return {
    file,
    version,
    description: typeof raw.description === "string" ? raw.description : undefined,
    parameterGroups,
    parameters,
    resources,
    outputs,
    conditions,
    raw,
    source: parsed,
  };
}

/**
 * Parse and check a template text: Heat's loading rules (parse.ts), then {@link buildTemplate}.
 * Problems go to `diagnostics`; undefined when nothing usable could be read.
 */
export function loadTemplate(
  text: string,
  file: string,
  diagnostics: Diagnostics,
  options: TemplateParseOptions = {},
): HotTemplate | undefined {
  const parsed = diagnostics.capture(() => parseTemplateText(text, file, options));
  return parsed ? buildTemplate(parsed, diagnostics) : undefined;
}
