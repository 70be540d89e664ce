/**
 * Errors about a template point at a node by its path inside one file; they are turned into
 * FILE:LINE:COL only when reported, so parsing never pays for positions it does not print.
 */

/** The keys and indices that lead from a file's root to one node, e.g. `["resources", "server", "properties"]`. */
export type NodePath = readonly (string | number)[];

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
  ) {
    super(message);
    this.name = "HotError";
  }
}
