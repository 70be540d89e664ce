import { HotError } from "../diagnostics";
import { FunctionError } from "./errors";
import { evaluateSnippet, located, whenKnown } from "./evaluate";
import { invalidReference, referencedName } from "./get_resource";
import { isMap, pythonIndex } from "./python";
import {
  argumentError,
  AttributeReference,
  FunctionContext,
  FunctionDefinition,
  FunctionNode,
  NodeLocation,
  ReferenceChecker,
  Snippet,
} from "./types";

/**
 * Heat's default rule for the path after an attribute name (`attributes.select_from_attribute`):
 * keys on maps, integer indices on lists and strings (no string-to-int conversion, unlike
 * get_param), and any miss gives `null`.
 */
export function selectFromAttribute(value: unknown, path: readonly unknown[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) || typeof current === "string") {
      if (typeof key !== "number" || !Number.isInteger(key)) {
        return null;
      }
      const item = pythonIndex(current, key);
      if (item === undefined) {
        return null;
      }
      current = item;
    } else if (isMap(current)) {
      if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(current, key)) {
        return null;
      }
      current = current[key];
    } else {
      return null;
    }
  }
  return current;
}

/** How the get_attr variants of the versions differ. */
interface GetAttrVariant {
  readonly heatClass: string;
  /** 2013-05-23 (GetAttThenSelect): the path is applied to the attribute value here, not by the resource. */
  readonly selectLocally: boolean;
  /** From 2015-10-15 (GetAttAllAttributes): `[resource]` alone reads all attributes. */
  readonly allowAllAttributes: boolean;
}

/** `get_attr: [resource, attribute, path...]`: an attribute of a resource, and a dependency on it. */
export class GetAttrNode extends FunctionNode {
  constructor(
    fnName: string,
    args: Snippet,
    location: NodeLocation,
    private readonly variant: GetAttrVariant,
  ) {
    super(fnName, args, location);
  }

  private get parts(): Snippet[] {
    return this.args as Snippet[];
  }

  dependencies(into: Set<string>, ctx?: FunctionContext): void {
    super.dependencies(into, ctx);
    const name = referencedName(this.parts[0], ctx);
    if (name !== undefined) {
      into.add(name);
    }
  }

  attributeReferences(into: AttributeReference[]): void {
    super.attributeReferences(into);
    const [resource, attribute, ...path] = this.parts;
    const literalPath = path.every((p) => typeof p === "string" || typeof p === "number");
    if (typeof resource === "string" && (attribute === undefined || typeof attribute === "string") && literalPath) {
      into.push({ resource, attribute, path: path as (string | number)[] });
    }
  }

  validate(checker: ReferenceChecker, problems: HotError[]): void {
    super.validate(checker, problems);
    const [resource, attribute] = this.parts;
    if (typeof resource !== "string") {
      return;
    }
    if (!checker.hasResource(resource)) {
      problems.push(this.error(invalidReference(resource, this.location.path), 0));
      return;
    }
    if (typeof attribute === "string" && checker.checkAttribute !== undefined) {
      const reason = checker.checkAttribute(resource, attribute);
      if (reason !== undefined) {
        problems.push(this.error(`The Referenced Attribute (${resource} ${attribute}) is incorrect.${reason ? ` ${reason}` : ""}`, 1));
      }
    }
  }

  evaluate(ctx: FunctionContext): unknown {
    return whenKnown(evaluateSnippet(this.args, ctx), (args) =>
      located(this, () => {
        const [resource, attribute, ...path] = args as unknown[];
        if (typeof resource !== "string" || ctx.getResource(resource) === undefined) {
          throw new FunctionError(invalidReference(resource, this.location.path));
        }
        if (attribute !== undefined && typeof attribute !== "string") {
          throw new FunctionError(`The Referenced Attribute (${resource} ${String(attribute)}) is incorrect.`);
        }
        if (path.some((p) => typeof p !== "string" && typeof p !== "number")) {
          // Heat's select_from_attribute: "Path components in attributes must be strings" -> None.
          return null;
        }
        const components = path as (string | number)[];
        if (this.variant.selectLocally) {
          return whenKnown(ctx.getAttr(resource, attribute, []), (value) => selectFromAttribute(value, components));
        }
        return ctx.getAttr(resource, attribute, components);
      }),
    );
  }
}

function definition(variant: GetAttrVariant): FunctionDefinition {
  return {
    heatClass: variant.heatClass,
    create(call) {
      const args = call.args;
      if (variant.allowAllAttributes && (args === null || args === "" || (Array.isArray(args) && args.length === 0))) {
        throw argumentError(
          call,
          `Arguments to "${call.fnName}" can be of the next forms: [resource_name] or [resource_name, attribute, (path), ...]`,
        );
      }
      if (!Array.isArray(args)) {
        throw argumentError(call, `Argument to "${call.fnName}" must be a list`);
      }
      if (args.length < 2 && !(variant.allowAllAttributes && args.length === 1)) {
        throw argumentError(call, `Arguments to "${call.fnName}" must be of the form [resource_name, attribute, (path), ...]`);
      }
      return new GetAttrNode(call.fnName, args, call.location, variant);
    },
  };
}

/** 2013-05-23: the resource returns the attribute, the path is applied afterwards. */
export const getAttThenSelect = definition({ heatClass: "GetAttThenSelect", selectLocally: true, allowAllAttributes: false });
/** 2014-10-16 and 2015-04-30: the path is passed to the resource. */
export const getAtt = definition({ heatClass: "GetAtt", selectLocally: false, allowAllAttributes: false });
/** From 2015-10-15: also `[resource]` alone, all attributes as a map. */
export const getAttAllAttributes = definition({ heatClass: "GetAttAllAttributes", selectLocally: false, allowAllAttributes: true });
