/**
 * Evaluation over plain values and Pulumi Outputs. Plain inputs give plain results synchronously
 * and never load `@pulumi/pulumi` (it is required lazily, the first time an Output has to be
 * combined), so `validate` and `plan` stay fast and need no engine.
 */
import type * as pulumiModule from "@pulumi/pulumi";
import { FunctionError } from "./errors";
import { FunctionContext, FunctionNode, OMIT, Snippet } from "./types";

let pulumiCache: typeof pulumiModule | undefined;

function pulumi(): typeof pulumiModule {
  pulumiCache ??= require("@pulumi/pulumi") as typeof pulumiModule;
  return pulumiCache;
}

/** `pulumi.Output.isInstance` without loading the Pulumi SDK (it checks the same marker). */
export function isOutput(value: unknown): value is pulumiModule.Output<unknown> {
  return typeof value === "object" && value !== null && (value as { __pulumiOutput?: unknown }).__pulumiOutput === true;
}

/** Applies `compute` to a value now, or inside `apply` when it is an Output. */
export function whenKnown(value: unknown, compute: (plain: unknown) => unknown): unknown {
  return isOutput(value) ? value.apply(compute) : compute(value);
}

/** Applies `compute` to several values: now when all are plain, else once all Outputs are known. */
export function whenAllKnown(values: readonly unknown[], compute: (plain: unknown[]) => unknown): unknown {
  if (!values.some(isOutput)) {
    return compute(values as unknown[]);
  }
  return pulumi()
    .all(values as unknown[])
    .apply((plain) => compute(plain as unknown[]));
}

/**
 * The value of a resolved snippet: function nodes are evaluated, lists and maps rebuilt. When any
 * part is an Output, the whole is one Output of the plain structure.
 */
export function evaluateSnippet(snippet: Snippet | typeof OMIT, ctx: FunctionContext): unknown {
  if (snippet === null || typeof snippet !== "object") {
    return snippet;
  }
  if (snippet instanceof FunctionNode) {
    return snippet.evaluate(ctx);
  }
  if (Array.isArray(snippet)) {
    let anyOutput = false;
    const values = snippet.map((item) => {
      const value = evaluateSnippet(item, ctx);
      anyOutput ||= isOutput(value);
      return value;
    });
    return anyOutput ? pulumi().all(values) : values;
  }
  let anyOutput = false;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(snippet)) {
    const value = evaluateSnippet(snippet[key], ctx);
    anyOutput ||= isOutput(value);
    result[key] = value;
  }
  return anyOutput ? pulumi().all(result) : result;
}

/**
 * Runs a pure computation for a node: a {@link FunctionError} it throws becomes a HotError at the
 * node. Used both for plain values and inside `apply`, so errors found at deployment are located too.
 */
export function located<T>(node: FunctionNode, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof FunctionError) {
      throw node.error(error.message);
    }
    throw error;
  }
}

/**
 * The common shape of a function's `evaluate`: evaluate the argument snippet, then compute the
 * result from the plain arguments (now, or when the Outputs among them are known).
 */
export function evaluateWith(node: FunctionNode, ctx: FunctionContext, compute: (args: unknown) => unknown): unknown {
  return whenKnown(evaluateSnippet(node.args, ctx), (args) => located(node, () => compute(args)));
}
