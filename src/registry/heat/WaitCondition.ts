/**
 * OS::Heat::WaitCondition → heatshift's WaitCondition component: `pulumi up` waits until the
 * handle has received `count` success signals (or fails on a FAILURE signal or the timeout).
 */
import * as pulumi from "@pulumi/pulumi";
import { WaitCondition } from "../../../components/WaitCondition";
import { WaitConditionHandle } from "../../../components/WaitConditionHandle";
import { PropertiesSchema, RegistryEntry } from "../types";

export const properties: PropertiesSchema = {
  handle: { type: "String", required: true },
  timeout: { type: "Number", required: true, range: { min: 1, max: 43200 } },
  count: { type: "Integer", default: 1, range: { min: 1 }, updateAllowed: true },
};

export const waitConditionEntry: RegistryEntry = {
  type: "OS::Heat::WaitCondition",
  pulumiTypes: ["heatshift:openstack:WaitCondition"],
  properties,
  attributes: { data: { description: "The signals' data, a JSON string keyed by signal id." } },
  create(ctx) {
    const handle = ctx.referencedResource(ctx.properties.handle)?.resources[0];
    if (!(handle instanceof WaitConditionHandle)) {
      throw new Error(`${ctx.name}: handle must be {get_resource: <an OS::Heat::WaitConditionHandle of this template>}, as Heat resolves it by reference id`);
    }
    const wait = new WaitCondition(
      ctx.logicalName,
      { handle, count: ctx.properties.count as pulumi.Input<number>, timeoutSeconds: ctx.properties.timeout as pulumi.Input<number> },
      ctx.options,
    );
    return {
      referenceId: pulumi.output(ctx.name),
      resources: [wait],
      attribute: (name) => (name === "data" ? wait.data : undefined),
    };
  },
};
