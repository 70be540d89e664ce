/**
 * Errors about a template point at a node by its path inside one file; they are turned into
 * FILE:LINE:COL only when reported, so parsing never pays for positions it does not print.
 */

/** The keys and indices that lead from a file's root to one node, e.g. `["resources", "server", "properties"]`. */
export type NodePath = readonly (string | number)[];

/** A 1-based line and column in a source file. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Extra, optional details of a {@link HotError}. */
export interface HotErrorOptions {
  /**
   * Point at the map key of the last path segment rather than at its value (e.g. for an unknown key).
   * @default "value"
   */
  readonly target?: "key" | "value";
  /** A position known up front (YAML syntax errors); it wins over the path. */
  readonly position?: Position;
}

/** A problem found in a HOT template or environment file, located by file and node path. */
export class HotError extends Error {
  constructor(
    message: string,
    /** The file the node belongs to (template, nested template or environment file). */
    readonly file: string,
    /** Where in that file: the path of the offending node. */
    readonly path: NodePath,
    /** "error" stops an import; "warning" is reported and the import goes on. */
    readonly severity: "error" | "warning" = "error",
    /** Key-or-value targeting and explicit positions. */
    readonly options: HotErrorOptions = {},
  ) {
    super(message);
    this.name = "HotError";
  }
}

/** Finds the position of a node of one parsed file; registered by the parser for every file it reads. */
export type SourceLocator = (path: NodePath, target: "key" | "value") => Position | undefined;

const locators = new Map<string, SourceLocator>();

/** Make positions of `file` available to {@link formatDiagnostic}; a later parse of the same file replaces it. */
export function registerSource(file: string, locator: SourceLocator): void {
  locators.set(file, locator);
}

/** The FILE:LINE:COL position of a problem, or undefined when its file was never parsed. */
export function positionOf(err: HotError): Position | undefined {
  if (err.options.position) return err.options.position;
  const locate = locators.get(err.file);
  return locate?.(err.path, err.options.target ?? "value");
}

/** `FILE:LINE:COL: error: MESSAGE` (or `FILE: error: MESSAGE` when the file has no known positions). */
export function formatDiagnostic(err: HotError): string {
  const pos = positionOf(err);
  const where = pos ? `${err.file}:${pos.line}:${pos.col}` : err.file;
  return `${where}: ${err.severity}: ${err.message}`;
}

/** Options of a {@link Diagnostics} collector. */
export interface DiagnosticsOptions {
  /**
   * Treat constructs that are accepted but not fully honoured (custom_constraint, update_policy, ...) as errors.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * Gathers every problem of a run, so `validate` can print all of them rather than stop at the first.
 * Layers record problems here and carry on with what is still checkable.
 */
export class Diagnostics {
  private readonly list: HotError[] = [];
  readonly strict: boolean;

  constructor(options: DiagnosticsOptions = {}) {
    this.strict = options.strict ?? false;
  }

  /** Record a problem. */
  add(problem: HotError): void {
    this.list.push(problem);
  }

  error(message: string, file: string, path: NodePath, options?: HotErrorOptions): void {
    this.add(new HotError(message, file, path, "error", options));
  }

  warning(message: string, file: string, path: NodePath, options?: HotErrorOptions): void {
    this.add(new HotError(message, file, path, "warning", options));
  }

  /** A construct heatshift accepts but cannot fully honour: a warning, or an error in strict mode. */
  unhonoured(message: string, file: string, path: NodePath, options?: HotErrorOptions): void {
    this.add(new HotError(message, file, path, this.strict ? "error" : "warning", options));
  }

  /** Run `fn`; a HotError it throws is recorded (other errors propagate: they are bugs). */
  capture<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof HotError) {
        this.add(e);
        return undefined;
      }
      throw e;
    }
  }

  /** Every problem in the order found. */
  get problems(): readonly HotError[] {
    return this.list;
  }

  get errors(): HotError[] {
    return this.list.filter((p) => p.severity === "error");
  }

  get warnings(): HotError[] {
    return this.list.filter((p) => p.severity === "warning");
  }

  get hasErrors(): boolean {
    return this.list.some((p) => p.severity === "error");
  }

  /**
   * One `FILE:LINE:COL: severity: MESSAGE` line per problem, files in the order they were first
   * reported, each file's problems by position (problems without one first).
   */
  format(): string[] {
    const fileOrder = new Map<string, number>();
    for (const p of this.list) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
    const keyed = this.list.map((p, i) => ({ p, i, pos: positionOf(p) }));
    keyed.sort(
      (a, b) =>
        (fileOrder.get(a.p.file) as number) - (fileOrder.get(b.p.file) as number) ||
        (a.pos?.line ?? 0) - (b.pos?.line ?? 0) ||
        (a.pos?.col ?? 0) - (b.pos?.col ?? 0) ||
        a.i - b.i,
    );
    return keyed.map(({ p }) => formatDiagnostic(p));
  }

  /** Throw the first error (the rest stay listed here), for callers that cannot go on. */
  throwIfErrors(): void {
    const first = this.list.find((p) => p.severity === "error");
    if (first) throw first;
  }
}
