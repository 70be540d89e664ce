/**
 * `heatshift convert --report`: what the program is made of, by construct and type: parameters
 * by HOT type, conditions, resources by HOT type and what they became (a component, an @pulumi/openstack
 * class, or TODO), outputs, intrinsic functions, and the constructs left as TODO.
 */

/** One row of the coverage table. */
export interface CoverageRow {
  /** parameter, resource, output, function. */
  readonly construct: string;
  /** The HOT type or function name ("" for outputs). */
  readonly type: string;
  /** What it became: `config`, `component PrivateNetwork`, `openstack.networking.Port`, `TODO`... */
  readonly as: string;
  readonly count: number;
}

/** Counts of converted constructs. */
export class Coverage {
  private readonly counts = new Map<string, number>();
  private readonly todos: string[] = [];

  add(construct: string, type: string, as: string): void {
    const key = JSON.stringify([construct, type, as]);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** A construct reported as unsupported (an error, or a TODO in the program). */
  unsupported(message: string): void {
    this.todos.push(message);
  }

  rows(): CoverageRow[] {
    const order = ["parameter", "condition", "resource", "output", "function"];
    return [...this.counts]
      .map(([key, count]) => {
        const [construct, type, as] = JSON.parse(key) as [string, string, string];
        return { construct, type, as, count };
      })
      .sort((a, b) => order.indexOf(a.construct) - order.indexOf(b.construct) || a.type.localeCompare(b.type) || a.as.localeCompare(b.as));
  }

  /** The table as text lines, then the unsupported constructs. */
  table(): string[] {
    const header = { construct: "construct", type: "type", as: "converted to", count: "count" };
    const rows = this.rows().map((r) => ({ ...r, count: String(r.count) }));
    const all = [header, ...rows];
    const width = (k: "construct" | "type" | "as") => Math.max(...all.map((r) => r[k].length));
    const line = (r: { construct: string; type: string; as: string; count: string }) =>
      `${r.construct.padEnd(width("construct"))}  ${r.type.padEnd(width("type"))}  ${r.as.padEnd(width("as"))}  ${r.count.padStart(5)}`.trimEnd();
    const total = this.rows().reduce((n, r) => n + r.count, 0);
    return [
      line(header),
      ...rows.map(line),
      `${total} constructs converted, ${this.todos.length} unsupported${this.todos.length ? ":" : ""}`,
      ...this.todos.map((t) => `  - ${t}`),
    ];
  }
}
