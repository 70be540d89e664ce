/**
 * The dependency graph of a template, as Heat computes it (heat/engine/stack.py `dependencies`):
 * explicit `depends_on`, every get_resource/get_attr in properties and metadata, and the hidden
 * dependencies each resource type adds (`add_dependencies`). One topological sort orders the
 * resources and reports every reference to an unknown resource and every cycle at its source.
 */
import { HotError, NodePath } from "../hot/diagnostics";
import { closest } from "../registry/properties";
import { DependencyContext, DependencyView, HiddenDependency, StaticValue } from "../registry/types";

/** A reference from one resource to another, with where it is written. */
export interface Reference {
  /** The resource referred to. */
  readonly name: string;
  /** Where the reference is written (the depends_on item, or the get_resource/get_attr node). */
  readonly path: NodePath;
}

/** One resource as the graph needs it. */
export interface GraphResource {
  /** The resource's view for hidden-dependency rules (name, type, properties before deployment). */
  readonly view: DependencyView;
  /** The file the resource is written in. */
  readonly file: string;
  /** The path of the resource's node in that file, e.g. `["resources", "server"]`. */
  readonly path: NodePath;
  /** `depends_on` items. */
  readonly dependsOn: readonly Reference[];
  /** get_resource/get_attr references in properties and metadata (only the branches `if` selects). */
  readonly references: readonly Reference[];
  /** The resource adopts an existing one (`external_id`): Heat gives it no dependencies. @default false */
  readonly external?: boolean;
  /** The type's hidden-dependency rule, if any (from the registry). */
  readonly hiddenDependencies?: (self: DependencyView, context: DependencyContext) => HiddenDependency[];
}

/** Why one resource waits for another. */
export type EdgeKind = "depends_on" | "reference" | "hidden";

/** One edge: `from` waits for `to`. */
export interface DependencyEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** For hidden edges: why Heat (or heatshift) adds it. */
  readonly reason?: string;
  /** Where the edge comes from (the reference, or the resource itself for hidden edges). */
  readonly path: NodePath;
}

/** The result: an order to create resources in, each resource's dependencies, and the problems found. */
export interface DependencyGraph {
  /** Resource names in a dependency order (ties keep template order). Resources on a cycle are left out. */
  readonly order: readonly string[];
  /** Every edge, in the order found. */
  readonly edges: readonly DependencyEdge[];
  /** The direct dependencies of a resource, sorted by name. */
  dependenciesOf(name: string): readonly string[];
  /** Unknown references and cycles, located at their source. */
  readonly errors: readonly HotError[];
}

/**
 * Builds the graph. `removedByCondition` holds names the template defines but whose condition is
 * false: Heat accepts references to them and drops the dependency.
 */
export function buildDependencyGraph(
  resources: readonly GraphResource[],
  removedByCondition: ReadonlySet<string> = new Set(),
): DependencyGraph {
  const errors: HotError[] = [];
  const byName = new Map<string, GraphResource>();
  resources.forEach((r) => byName.set(r.view.name, r));
  const edges: DependencyEdge[] = [];
  const direct = new Map<string, Map<string, DependencyEdge>>();
  resources.forEach((r) => direct.set(r.view.name, new Map()));

  const addEdge = (edge: DependencyEdge): void => {
    const deps = direct.get(edge.from)!;
    if (!deps.has(edge.to)) {
      deps.set(edge.to, edge);
      edges.push(edge);
    }
  };

  const addExplicit = (r: GraphResource, refs: readonly Reference[], kind: EdgeKind): void => {
    for (const ref of refs) {
      if (!byName.has(ref.name)) {
        if (!removedByCondition.has(ref.name)) {
          errors.push(new HotError(notFoundMessage(r.view.name, ref.name, kind, byName), r.file, ref.path));
        }
        continue;
      }
      if (!r.external) addEdge({ from: r.view.name, to: ref.name, kind, path: ref.path });
    }
  };

  for (const r of resources) {
    if (r.external && r.dependsOn.length > 0) {
      errors.push(
        new HotError(
          `resource "${r.view.name}" has an external_id and a depends_on: a resource adopted with external_id ` +
            `cannot depend on other resources (Heat rejects this too); remove depends_on`,
          r.file,
          r.dependsOn[0].path,
        ),
      );
    }
    addExplicit(r, r.dependsOn, "depends_on");
    addExplicit(r, r.references, "reference");
  }

  // Hidden dependencies come after all explicit ones, as in Heat: some rules (FloatingIP) look at
  // what the resource already depends on.
  const byType = new Map<string, DependencyView[]>();
  for (const r of resources) {
    const list = byType.get(r.view.type) ?? [];
    list.push(r.view);
    byType.set(r.view.type, list);
  }
  const indexes = new Map<string, Map<string, DependencyView[]>>();
  const unsetIndex = new Map<string, DependencyView[]>();
  const position = new Map<string, number>();
  resources.forEach((r, i) => position.set(r.view.name, i));
  const context: DependencyContext = {
    resources: resources.map((r) => r.view),
    ofType: (type) => byType.get(type) ?? [],
    resource: (name) => byName.get(name)?.view,
    matching: (type, path, value) => {
      const indexKey = `${type}\u0000${path.join("\u0000")}`;
      let index = indexes.get(indexKey);
      if (!index) {
        index = new Map();
        for (const view of byType.get(type) ?? []) {
          const key = staticKey(view.property(...path));
          const list = index.get(key) ?? [];
          list.push(view);
          index.set(key, list);
        }
        indexes.set(indexKey, index);
      }
      return index.get(staticKey(value)) ?? [];
    },
    unset: (type, path) => {
      const indexKey = `${type}\u0000${path.join("\u0000")}`;
      let found = unsetIndex.get(indexKey);
      if (!found) {
        found = (byType.get(type) ?? []).filter((view) => !isStaticallySet(view.property(...path)));
        unsetIndex.set(indexKey, found);
      }
      return found;
    },
    inTemplateOrder: (views) => [...new Set(views)].sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0)),
    dependenciesOf: (name) => [...(direct.get(name)?.keys() ?? [])],
  };
  for (const r of resources) {
    if (!r.hiddenDependencies || r.external) continue;
    for (const hidden of r.hiddenDependencies(r.view, context)) {
      if (hidden.on === r.view.name || !byName.has(hidden.on)) continue;
      addEdge({ from: r.view.name, to: hidden.on, kind: "hidden", reason: hidden.reason, path: r.path });
    }
  }

  const order = sortTopologically(resources, direct, errors, byName);
  return {
    order,
    edges,
    errors,
    dependenciesOf: (name) => [...(direct.get(name)?.keys() ?? [])].sort(),
  };
}

function notFoundMessage(from: string, to: string, kind: EdgeKind, known: Map<string, GraphResource>): string {
  const how = kind === "depends_on" ? "depends_on" : "get_resource/get_attr";
  const close = closest(to, [...known.keys()]);
  const hint = close ? `; did you mean "${close}"?` : "";
  return `resource "${to}" not found: "${from}" refers to it in ${how}, but the template defines no resource of that name${hint}`;
}

/** Kahn's algorithm; among resources ready at the same time the earlier one in the template goes first. */
function sortTopologically(
  resources: readonly GraphResource[],
  direct: Map<string, Map<string, DependencyEdge>>,
  errors: HotError[],
  byName: Map<string, GraphResource>,
): string[] {
  const index = new Map<string, number>();
  resources.forEach((r, i) => index.set(r.view.name, i));
  const waitingFor = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const r of resources) {
    const deps = direct.get(r.view.name)!;
    waitingFor.set(r.view.name, deps.size);
    for (const dep of deps.keys()) {
      const list = dependents.get(dep) ?? [];
      list.push(r.view.name);
      dependents.set(dep, list);
    }
  }
  const ready = new MinHeap();
  for (const r of resources) if (waitingFor.get(r.view.name) === 0) ready.push(index.get(r.view.name)!);
  const order: string[] = [];
  while (ready.size > 0) {
    const name = resources[ready.pop()].view.name;
    order.push(name);
    for (const dependent of dependents.get(name) ?? []) {
      const left = waitingFor.get(dependent)! - 1;
      waitingFor.set(dependent, left);
      if (left === 0) ready.push(index.get(dependent)!);
    }
  }
  if (order.length < resources.length) {
    const stuck = resources.filter((r) => waitingFor.get(r.view.name)! > 0).map((r) => r.view.name);
    for (const cycle of findCycles(stuck, direct)) {
      const first = direct.get(cycle[0])!.get(cycle[1])!;
      const origin = byName.get(cycle[0])!;
      const route = [...cycle].join(" → ");
      const hidden = cycle
        .slice(0, -1)
        .map((from, i) => direct.get(from)!.get(cycle[i + 1])!)
        .filter((e) => e.kind === "hidden")
        .map((e) => `${e.from} → ${e.to}: ${e.reason}`);
      const why = hidden.length > 0 ? ` (hidden dependencies: ${hidden.join("; ")})` : "";
      errors.push(new HotError(`circular dependency (${route})${why}`, origin.file, first.path));
    }
  }
  return order;
}

/**
 * One cycle per strongly connected component of the stuck resources, starting at the component's
 * first resource in template order, as short as possible.
 */
function findCycles(stuck: readonly string[], direct: Map<string, Map<string, DependencyEdge>>): string[][] {
  const inStuck = new Set(stuck);
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of stuck) {
    if (done.has(start)) continue;
    // Breadth-first from start, back to start: the shortest cycle through it, if there is one.
    const previous = new Map<string, string>();
    const queue = [start];
    let closing: string | undefined;
    for (let i = 0; i < queue.length && closing === undefined; i++) {
      const node = queue[i];
      for (const next of direct.get(node)!.keys()) {
        if (!inStuck.has(next)) continue;
        if (next === start) {
          closing = node;
          break;
        }
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    if (closing === undefined) continue; // start only waits for a cycle; it is not on one
    const path = [closing];
    while (path[0] !== start) path.unshift(previous.get(path[0])!);
    path.push(start);
    // Everything reachable from the cycle and leading back to it belongs to the same component.
    path.forEach((n) => done.add(n));
    for (const node of queue) if (reaches(node, start, direct, inStuck)) done.add(node);
    cycles.push(path);
  }
  return cycles;
}

function reaches(from: string, target: string, direct: Map<string, Map<string, DependencyEdge>>, within: Set<string>): boolean {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const next of direct.get(node)!.keys()) {
      if (next === target) return true;
      if (within.has(next) && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** A binary min-heap of template indices (keeps the sort O(n log n) on large templates). */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Heat compares property values as they are before deployment: an unknown value counts as
 * None, so two unknowns are equal (heat/engine/resources/openstack/neutron/port.py compares
 * `res.properties.get(...) == self.properties[...]` with unresolved get_attr values as None).
 */
export function sameStaticValue(a: StaticValue, b: StaticValue): boolean {
  const norm = (v: StaticValue): StaticValue =>
    v.kind === "literal" && (v.value === null || v.value === undefined) ? { kind: "unknown" } : v;
  const x = norm(a);
  const y = norm(b);
  if (x.kind === "unknown" || y.kind === "unknown") return x.kind === y.kind;
  if (x.kind === "resource" || y.kind === "resource") {
    return x.kind === "resource" && y.kind === "resource" && x.name === y.name;
  }
  return JSON.stringify(x.value) === JSON.stringify(y.value);
}

/** A key such that two values have the same key exactly when `sameStaticValue` holds. */
function staticKey(v: StaticValue): string {
  if (v.kind === "resource") return `r:${v.name}`;
  if (v.kind === "unknown" || v.value === null || v.value === undefined) return "u";
  return `l:${JSON.stringify(v.value)}`;
}

/** Python truthiness of a static value (`not value` in Heat's rules): unknown, "", [], {} are false. */
export function isStaticallySet(v: StaticValue): boolean {
  if (v.kind === "resource") return true;
  if (v.kind === "unknown") return false;
  const x = v.value;
  if (x === null || x === undefined || x === false || x === "" || x === 0) return false;
  if (Array.isArray(x)) return x.length > 0;
  if (typeof x === "object") return Object.keys(x as object).length > 0;
  return true;
}

/**
 * A view of one resource for hidden-dependency rules. `evaluate` turns a node that is a function
 * call into its value before deployment (get_resource → the resource, get_param → the value,
 * get_attr → unknown); it returns undefined for plain data. Results are cached per path.
 */
export function createDependencyView(
  name: string,
  type: string,
  properties: unknown,
  evaluate: (node: unknown) => StaticValue | undefined,
): DependencyView {
  const cache = new Map<string, StaticValue>();
  const resolve = (node: unknown): StaticValue => evaluate(node) ?? { kind: "literal", value: node };
  return {
    name,
    type,
    property(...path: (string | number)[]): StaticValue {
      const key = path.join("\u0000");
      const cached = cache.get(key);
      if (cached) return cached;
      let current = resolve(properties);
      for (const step of path) {
        if (current.kind !== "literal") {
          current = { kind: "unknown" };
          break;
        }
        const container = current.value;
        const next =
          container !== null && typeof container === "object"
            ? (container as Record<string | number, unknown>)[step]
            : undefined;
        current = next === undefined ? { kind: "literal", value: undefined } : resolve(next);
      }
      cache.set(key, current);
      return current;
    },
  };
}
