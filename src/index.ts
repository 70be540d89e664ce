/**
 * heatshift as a library (`import { HotStack, register } from "heatshift"`): no program needs to
 * know where anything lives inside heatshift. Components are in `heatshift/components`; what
 * converted programs call is also in the lighter `heatshift/program`, re-exported here.
 */

// Run-time import of a HOT template.
export { HotStack } from "./import/HotStack";
export type { HotStackArgs } from "./import/HotStack";

// The resource registry: add or replace the mapping of a HOT type.
export { register, registry, ResourceRegistry } from "./registry/index";
export type * from "./registry/types";

export * from "../program";
