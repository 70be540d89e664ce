/**
 * What Heat tells about a live stack, read from one of two documents:
 * - `openstack stack abandon STACK` (heat/engine/stack.py `prepare_abandon`): `{name, id, action,
 *   status, template, environment, files, resources: {NAME: {name, resource_id, type, action,
 *   status, metadata, resource_data}}, project_id, stack_user_project_id, tags}`; it carries the
 *   template, so no other file is needed;
 * - `openstack stack resource list STACK -f json`: `[{resource_name, physical_resource_id,
 *   resource_type, resource_status, updated_time}]`; the template must be given separately.
 * Problems are HotErrors located in the document (FILE:LINE:COL), never exceptions of JSON.parse.
 */
import { HotError, NodePath } from "../hot/diagnostics";
import { parseYaml } from "../hot/parse";

/** One resource as Heat knows it. */
export interface HeatResource {
  readonly name: string;
  /** The HOT type Heat created (after the stack's environment mapping). */
  readonly type: string;
  /** Heat's resource_id / physical_resource_id; undefined when Heat has none (never created). */
  readonly physicalId?: string;
  /** `CREATE_COMPLETE`, ... (abandon: action and status joined as Heat shows them). */
  readonly status: string;
  /** Where the resource is in the document. */
  readonly path: NodePath;
}

/** The stack as read from the document. */
export interface HeatStack {
  /** The document's file name. */
  readonly file: string;
  readonly format: "abandon" | "resource-list";
  /** The stack's name (abandon only). */
  readonly stackName?: string;
  /** The stack's template (abandon only; a resource list needs `--template`). */
  readonly template?: Record<string, unknown>;
  /** The stack's user environment (abandon only). */
  readonly environment?: Record<string, unknown>;
  /** The resources in document order. */
  readonly resources: readonly HeatResource[];
}

const ABANDON_KEYS = ["name", "id", "template", "resources"];
const LIST_KEYS = ["resource_name", "physical_resource_id", "resource_type"];

/** Reads the document; throws a HotError (at its position) when it is not JSON or not one of the two shapes. */
export function readHeatStack(text: string, file: string): HeatStack {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HotError(`not JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/s, "")}; expected the output of \`openstack stack abandon\` or \`openstack stack resource list -f json\``, file, [], "error", { position: jsonErrorPosition(text, (error as Error).message) });
  }
  // Positions of shape errors come from the same text read as YAML (a superset of JSON); should the
  // YAML reader refuse valid JSON, errors still name the file and the path.
  try {
    parseYaml(text, file);
  } catch {
    // positions unavailable
  }
  if (Array.isArray(value)) return resourceList(value, file);
  if (isObject(value)) return abandonDocument(value, file);
  throw new HotError(`expected a JSON object (\`openstack stack abandon\`) or array (\`openstack stack resource list -f json\`), got ${kindOf(value)}`, file, []);
}

function abandonDocument(doc: Record<string, unknown>, file: string): HeatStack {
  const missing = ABANDON_KEYS.filter((k) => !(k in doc));
  if (missing.length > 0) {
    throw new HotError(`not an \`openstack stack abandon\` document: missing ${missing.join(", ")} (it has ${Object.keys(doc).join(", ") || "no keys"})`, file, []);
  }
  const template = expectObject(doc.template, file, ["template"], "the stack's template");
  const resources = expectObject(doc.resources, file, ["resources"], "resource name → {resource_id, type, action, status, ...}");
  const environment = doc.environment === undefined || doc.environment === null ? undefined : expectObject(doc.environment, file, ["environment"], "the stack's environment");
  return {
    file,
    format: "abandon",
    stackName: expectString(doc.name, file, ["name"]),
    template,
    environment,
    resources: Object.entries(resources).map(([name, entry]) => {
      const path = ["resources", name];
      const r = expectObject(entry, file, path, "{resource_id, type, action, status, ...}");
      const id = r.resource_id === null || r.resource_id === undefined ? undefined : expectString(r.resource_id, file, [...path, "resource_id"]);
      const action = r.action === undefined ? "" : expectString(r.action, file, [...path, "action"]);
      const status = r.status === undefined ? "" : expectString(r.status, file, [...path, "status"]);
      return { name, type: expectString(r.type, file, [...path, "type"]), physicalId: id === "" ? undefined : id, status: [action, status].filter((s) => s !== "").join("_"), path };
    }),
  };
}

function resourceList(rows: readonly unknown[], file: string): HeatStack {
  return {
    file,
    format: "resource-list",
    resources: rows.map((row, i) => {
      const r = expectObject(row, file, [i], "{resource_name, physical_resource_id, resource_type, resource_status}");
      const missing = LIST_KEYS.filter((k) => !(k in r));
      if (missing.length > 0) {
        throw new HotError(`not a row of \`openstack stack resource list -f json\`: missing ${missing.join(", ")}`, file, [i]);
      }
      const id = r.physical_resource_id === null ? undefined : expectString(r.physical_resource_id, file, [i, "physical_resource_id"]);
      const status = r.resource_status === undefined ? "" : expectString(r.resource_status, file, [i, "resource_status"]);
      return { name: expectString(r.resource_name, file, [i, "resource_name"]), type: expectString(r.resource_type, file, [i, "resource_type"]), physicalId: id === "" ? undefined : id, status, path: [i] };
    }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === undefined) return "nothing (the key is missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value} (${JSON.stringify(value)})`;
}

function expectObject(value: unknown, file: string, path: NodePath, expected: string): Record<string, unknown> {
  if (!isObject(value)) throw new HotError(`${path.join(".")}: expected an object (${expected}), got ${kindOf(value)}`, file, path);
  return value;
}

function expectString(value: unknown, file: string, path: NodePath): string {
  if (typeof value !== "string") throw new HotError(`${path.join(".")}: expected a string, got ${kindOf(value)}`, file, path);
  return value;
}

/** Line and column of JSON.parse's error (`... at position N`; the end of the text when it ran out). */
function jsonErrorPosition(text: string, message: string): { line: number; col: number } {
  const at = /at position (\d+)/.exec(message);
  const offset = at === null ? text.length : Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
