/**
 * The `conditions` section (from heat_template_version 2016-10-14) and everything that reads it:
 * the first argument of `if`, a resource's `condition`, an output's `condition`.
 *
 * As in Heat (heat/engine/conditions.py): a definition is a bool or a condition function
 * (get_param, equals, not, and, or; contains and yaql from 2017-09-01) and must evaluate to a
 * bool. Strings inside `not`/`and`/`or`, and a string `condition:` field, are names of
 * conditions. Definitions are evaluated on first use and cached; a cycle is an error. Parameter
 * values must be plain (not Outputs): whether a resource exists has to be known before deployment.
 */
import { HotError, NodePath } from "./diagnostics";
import { conditionValue } from "./functions/condition_operand";
import { FunctionError } from "./functions/errors";
import { evaluateSnippet, isOutput } from "./functions/evaluate";
import { VersionFunctions } from "./functions/index";
import { describeType, isMap, pythonRepr } from "./functions/python";
import { ConditionEvaluator, resolveSnippet } from "./functions/resolve";
import { FunctionContext, FunctionNode, OMIT, Snippet } from "./functions/types";

/** What the conditions of one template need. */
export interface ConditionsOptions {
  /** The functions of the template's version. */
  readonly table: VersionFunctions;
  /** The template file (for errors). */
  readonly file: string;
  /** The plain value of a parameter for `get_param`, `undefined` when the template has none by that name. */
  readonly getParam: (name: string) => unknown;
  /**
   * Collects the problems of the definitions instead of throwing the first one.
   * @default - the first problem is thrown
   */
  readonly problems?: HotError[];
}

/** The path of the section in a template. */
const SECTION = "conditions";

const IN_PROGRESS = Symbol("in progress");

/** The conditions of one template: definitions resolved once, values computed on first use. */
export class Conditions implements ConditionEvaluator {
  private readonly definitions = new Map<string, Snippet>();
  private readonly values = new Map<string, boolean | typeof IN_PROGRESS>();
  private readonly context: FunctionContext;

  /**
   * Reads the raw `conditions` section (`undefined` when the template has none). A section that is
   * not a map, and definitions that use functions badly, are errors (reported to
   * `options.problems` when given, else thrown).
   */
  constructor(
    section: unknown,
    private readonly options: ConditionsOptions,
  ) {
    this.context = {
      getParam: (name) => options.getParam(name),
      condition: (name) => this.condition(name),
      getResource: () => this.outside("get_resource"),
      getAttr: () => this.outside("get_attr"),
      getFile: () => this.outside("get_file"),
      resourceFacade: () => this.outside("resource_facade"),
    };
    if (section === undefined) {
      return;
    }
    if (!isMap(section)) {
      this.report(new HotError(`Condition definitions must be a map. Found a ${describeType(section)} instead`, options.file, [SECTION]));
      return;
    }
    for (const name of Object.keys(section)) {
      const reported = options.problems?.length ?? 0;
      const resolved = resolveSnippet(section[name], [SECTION, name], {
        table: options.table,
        file: options.file,
        kind: "condition",
        problems: options.problems,
      });
      if ((options.problems?.length ?? 0) > reported) {
        // The bad call is already reported; its null stand-in would only add a second, misleading error.
        continue;
      }
      const definition = resolved === OMIT ? null : resolved;
      if (typeof definition !== "boolean" && !(definition instanceof FunctionNode)) {
        this.report(this.invalidDefinition(name, definition));
        continue;
      }
      this.definitions.set(name, definition);
    }
  }

  /** The names of the defined conditions. */
  get names(): string[] {
    return [...this.definitions.keys()];
  }

  /** The value of a named condition, `undefined` when there is no such condition. Throws HotError. */
  condition(name: string): boolean | undefined {
    if (!this.definitions.has(name)) {
      return undefined;
    }
    const known = this.values.get(name);
    if (known === IN_PROGRESS) {
      throw new HotError(`Circular definition for condition "${name}"`, this.options.file, [SECTION, name]);
    }
    if (known !== undefined) {
      return known;
    }
    this.values.set(name, IN_PROGRESS);
    try {
      const value = evaluateSnippet(this.definitions.get(name)!, this.context);
      if (isOutput(value)) {
        throw new HotError(
          `The condition "${name}" depends on a value known only at deployment (a secret or computed parameter); ` +
            "conditions must be decided before deployment",
          this.options.file,
          [SECTION, name],
        );
      }
      if (typeof value !== "boolean") {
        throw this.invalidDefinition(name, value);
      }
      this.values.set(name, value);
      return value;
    } finally {
      if (this.values.get(name) === IN_PROGRESS) {
        this.values.delete(name);
      }
    }
  }

  /**
   * The value of a resolved condition used outside the section (the first argument of `if`): a
   * condition name, a bool, null (true) or an inline condition function.
   */
  evaluate(condition: Snippet, file: string, path: NodePath): boolean {
    const value = evaluateSnippet(condition, this.context);
    if (isOutput(value)) {
      throw new HotError(
        "This condition depends on a value known only at deployment (a secret or computed parameter); conditions must be decided before deployment",
        file,
        path,
      );
    }
    try {
      return conditionValue(value, this.context);
    } catch (error) {
      throw error instanceof FunctionError ? new HotError(error.message, file, path) : error;
    }
  }

  /**
   * A resource's or an output's `condition` field (raw, `undefined` when absent: true). For a
   * resource, pass its name: Heat then requires a name, a bool or a condition function.
   */
  evaluateField(raw: unknown, path: NodePath, resourceName?: string): boolean {
    if (raw === undefined) {
      return true;
    }
    const resolved = resolveSnippet(raw, path, { table: this.options.table, file: this.options.file, kind: "condition" });
    const condition = resolved === OMIT ? null : resolved;
    if (
      resourceName !== undefined &&
      typeof condition !== "string" &&
      typeof condition !== "boolean" &&
      !(condition instanceof FunctionNode)
    ) {
      throw new HotError(`Resource ${resourceName} condition type must be string_or_boolean`, this.options.file, path);
    }
    return this.evaluate(condition, this.options.file, path);
  }

  /**
   * Evaluates every definition and returns the problems found (Heat only evaluates the conditions
   * that are used; this also finds the problems of unused ones, e.g. for `heatshift validate`).
   */
  evaluateAll(): HotError[] {
    const problems: HotError[] = [];
    for (const name of this.definitions.keys()) {
      try {
        this.condition(name);
      } catch (error) {
        if (!(error instanceof HotError)) {
          throw error;
        }
        problems.push(error);
      }
    }
    return problems;
  }

  private invalidDefinition(name: string, definition: unknown): HotError {
    const shown = typeof definition === "string" ? definition : pythonRepr(definition);
    return new HotError(`The definition of condition "${name}" is invalid: ${shown}`, this.options.file, [SECTION, name]);
  }

  private report(error: HotError): void {
    if (this.options.problems === undefined) {
      throw error;
    }
    this.options.problems.push(error);
  }

  private outside(fnName: string): never {
    // Resolution in condition mode rejects these functions; reaching here is a bug, not a template error.
    throw new Error(`${fnName} evaluated inside a condition`);
  }
}
