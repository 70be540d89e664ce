/**
 * The intrinsic functions of HOT, as a tree of function nodes over the parsed template.
 *
 * Life of a snippet (a resource's `properties`, an output's `value`, a condition definition...):
 *
 * 1. **Resolution** (`resolveSnippet` in resolve.ts) walks the plain JS tree that `yaml`'s `toJS`
 *    gives and replaces every single-key map whose key is a function of the template's version by a
 *    {@link FunctionNode}. Argument shapes are checked here, with the node path of the offending
 *    node. A function the version lacks, a removed one (`Ref` after 2013-05-23), a condition-only
 *    function outside conditions (or the reverse) are errors here. `if` is a macro, as in Heat: its
 *    condition is evaluated during resolution and only the selected branch is resolved, so the
 *    other branch is never checked and adds no dependencies.
 * 2. **Checks** (`FunctionNode.validate`) need the template around the snippet: whether a
 *    referenced resource exists (and is enabled by its condition), whether an attribute is known.
 * 3. **Dependencies** (`FunctionNode.dependencies`, `dependsOn` in resolve.ts): the resources a
 *    snippet references with get_resource/get_attr (and 2013's `Ref`), for the dependency graph.
 * 4. **Evaluation** (`FunctionNode.evaluate`, `evaluateSnippet`) computes the value. The
 *    {@link FunctionContext} supplies what the template alone does not know: parameter values,
 *    resource reference ids and attributes, files. Where any input is a Pulumi `Output`, the result
 *    is an `Output` (secretness and unknown values flow through); otherwise evaluation is
 *    synchronous and never touches the Pulumi runtime, so `validate`/`plan` need no engine.
 *
 * Errors are `HotError`s located by file and node path (diagnostics.ts); the pure computations
 * throw {@link FunctionError}s (errors.ts) that the node locates.
 */
import { HotError, NodePath } from "../diagnostics";

/**
 * A resolved snippet: plain data (what the YAML parse gives) in which function calls have been
 * replaced by {@link FunctionNode}s. Maps are plain objects, lists are arrays.
 */
export type Snippet = null | boolean | number | string | FunctionNode | Snippet[] | { [key: string]: Snippet };

/**
 * Marks "this value is absent": the result of a 2-argument `if` (2021-04-16) whose condition is
 * false. Resolution removes such items from the enclosing list or map; at the top of a snippet it
 * is returned as is and means "the property is not set".
 */
export const OMIT: unique symbol = Symbol("heatshift.omit");

/** Which functions a snippet may use: a value (properties, outputs...) or a condition. */
export type SnippetKind = "value" | "condition";

/**
 * What evaluation needs from the stack around a snippet. The importer implements it; values may be
 * plain or Pulumi Outputs (never plain containers that hold Outputs: wrap such a value in one Output).
 */
export interface FunctionContext {
  /**
   * The value of a parameter (or pseudo parameter such as `OS::stack_name`), typed as Heat types
   * parameter values: string, number, boolean, list of strings (comma_delimited_list), parsed JSON.
   * `undefined` when the template has no such parameter. Hidden parameters may be secret Outputs,
   * but conditions need plain values (see conditions.ts).
   */
  getParam(name: string): unknown;
  /** The reference id (`get_resource`) of an enabled resource, `undefined` when there is none by that name. */
  getResource(name: string): unknown;
  /**
   * An attribute of an enabled resource (`get_attr`). `attribute` is `undefined` for the
   * `[resource]` form (all attributes as a map). `path` is what follows the attribute name; the
   * implementation applies it (see `selectFromAttribute` in get_attr.ts for Heat's default rule),
   * because some types (ResourceGroup, template resources) interpret it themselves. 2013-05-23
   * templates apply the path after the call, so `path` is then always empty.
   */
  getAttr(resource: string, attribute: string | undefined, path: readonly (string | number)[]): unknown;
  /** The content of a file referenced with get_file (the key as written, relative to the template), `undefined` if absent. */
  getFile(name: string): string | undefined;
  /**
   * Whether the named condition of the `conditions` section is true, `undefined` when there is no
   * such condition. Conditions.condition (conditions.ts) implements it.
   */
  condition(name: string): boolean | undefined;
  /**
   * The parent resource's `metadata`, `deletion_policy` (normalised: Delete/Retain/Snapshot) or
   * resolved `update_policy` (`{}` when none), for a template used as a resource type.
   * `undefined` when this template is not used as a resource type.
   */
  resourceFacade(kind: "metadata" | "deletion_policy" | "update_policy"): unknown;
  /** Availability zone names for 2013's `Fn::GetAZs`. @default ["nova"] (what Heat answers without nova) */
  availabilityZones?(): unknown;
}

/** What the checks of step 2 need: the resources a snippet may reference. */
export interface ReferenceChecker {
  /** Whether an enabled resource of that name exists in the template. */
  hasResource(name: string): boolean;
  /**
   * Whether `resource` has the attribute: `undefined` when it has, otherwise the reason (shown to
   * the user). @default - attributes are not checked
   */
  checkAttribute?(resource: string, attribute: string): string | undefined;
  /**
   * Whether the file a literal `get_file` names can be read: `undefined` when it can, otherwise
   * the reason. @default - files are not checked
   */
  checkFile?(name: string): string | undefined;
}

/** Where a function node sits: the file and the path of the function's key (`[..., "get_attr"]`). */
export interface NodeLocation {
  readonly file: string;
  readonly path: NodePath;
}

/** A resource and the attribute (or attribute path) a snippet reads from it; `attribute` undefined = all attributes. */
export interface AttributeReference {
  readonly resource: string;
  readonly attribute: string | undefined;
  readonly path: readonly (string | number)[];
}

/** One intrinsic function call in a resolved snippet. Subclasses: one per function, one file each. */
export abstract class FunctionNode {
  constructor(
    /** The function name as written (`get_attr`, `Fn::Select`). */
    readonly fnName: string,
    /** The resolved arguments (function nodes inside are resolved too). */
    readonly args: Snippet,
    /** Where the call is. */
    readonly location: NodeLocation,
  ) {}

  /**
   * Template-level checks (step 2): pushes every problem found in this call and in the calls
   * inside its arguments to `problems`.
   */
  validate(checker: ReferenceChecker, problems: HotError[]): void {
    validateSnippet(this.args, checker, problems);
  }

  /**
   * Adds the names of the resources this call (and the calls in its arguments) references. A
   * resource name computed by a function (`get_resource: {get_param: x}`) is evaluated with `ctx`
   * when one is given, and skipped otherwise.
   */
  dependencies(into: Set<string>, ctx?: FunctionContext): void {
    collectDependencies(this.args, into, ctx);
  }

  /** Adds the resource attributes this call (and the calls in its arguments) reads. */
  attributeReferences(into: AttributeReference[]): void {
    collectAttributeReferences(this.args, into);
  }

  /** The value of the call: plain when all inputs are plain, else an Output. Throws HotError. */
  abstract evaluate(ctx: FunctionContext): unknown;

  /** A HotError at this call (or at one of its arguments: `sub` is appended to the path). */
  error(message: string, ...sub: (string | number)[]): HotError {
    return new HotError(message, this.location.file, sub.length ? [...this.location.path, ...sub] : this.location.path);
  }
}

/** Step 2 over a whole snippet. */
export function validateSnippet(snippet: Snippet, checker: ReferenceChecker, problems: HotError[]): void {
  if (snippet instanceof FunctionNode) {
    snippet.validate(checker, problems);
  } else if (Array.isArray(snippet)) {
    for (const item of snippet) {
      validateSnippet(item, checker, problems);
    }
  } else if (typeof snippet === "object" && snippet !== null) {
    for (const key of Object.keys(snippet)) {
      validateSnippet(snippet[key], checker, problems);
    }
  }
}

/** Step 3 over a whole snippet: the names of referenced resources. */
export function collectDependencies(snippet: Snippet, into: Set<string>, ctx?: FunctionContext): void {
  if (snippet instanceof FunctionNode) {
    snippet.dependencies(into, ctx);
  } else if (Array.isArray(snippet)) {
    for (const item of snippet) {
      collectDependencies(item, into, ctx);
    }
  } else if (typeof snippet === "object" && snippet !== null) {
    for (const key of Object.keys(snippet)) {
      collectDependencies(snippet[key], into, ctx);
    }
  }
}

/** Heat's `all_dep_attrs`: every (resource, attribute) a snippet reads with get_attr. */
export function collectAttributeReferences(snippet: Snippet, into: AttributeReference[]): void {
  if (snippet instanceof FunctionNode) {
    snippet.attributeReferences(into);
  } else if (Array.isArray(snippet)) {
    for (const item of snippet) {
      collectAttributeReferences(item, into);
    }
  } else if (typeof snippet === "object" && snippet !== null) {
    for (const key of Object.keys(snippet)) {
      collectAttributeReferences(snippet[key], into);
    }
  }
}

/**
 * How to turn one function call into a node. `args` is already resolved (function nodes inside),
 * except for macros (`if`), which receive the raw arguments and resolve what they select.
 */
export interface FunctionDefinition {
  /** Heat's class for this variant (`GetAttAllAttributes`, `ReplaceJson`...), for docs and tests. */
  readonly heatClass: string;
  /** True for `if`: arguments are passed raw, see {@link FunctionCall.resolveRaw}. @default false */
  readonly macro?: boolean;
  /** Builds the node, or throws a HotError for bad argument shapes. Macros may return any snippet. */
  create(call: FunctionCall): Snippet | typeof OMIT;
}

/** What a {@link FunctionDefinition} receives. */
export interface FunctionCall {
  /** The function name as written. */
  readonly fnName: string;
  /** The resolved arguments (raw for macros). */
  readonly args: Snippet;
  /** The arguments exactly as parsed. */
  readonly rawArgs: unknown;
  /** Where the call is: the path ends with the function name. */
  readonly location: NodeLocation;
  /** Resolves a raw sub-snippet in the same template (macros only need this). */
  resolveRaw(raw: unknown, path: NodePath, kind: SnippetKind): Snippet | typeof OMIT;
  /** Evaluates a resolved condition (a name, a bool or an inline condition) now: `if` needs it at resolution time. */
  evaluateCondition(condition: Snippet, path: NodePath): boolean;
  /** Whether a name is an enabled resource (2013's `Ref`), when the caller of the resolution knows. */
  readonly isResource?: (name: string) => boolean;
}

/** A HotError carrying Heat's wording for a bad argument, at the call. */
export function argumentError(call: { location: NodeLocation }, message: string, ...sub: (string | number)[]): HotError {
  const path = sub.length ? [...call.location.path, ...sub] : call.location.path;
  return new HotError(message, call.location.file, path);
}
