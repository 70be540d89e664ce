import * as pulumi from "@pulumi/pulumi";
import { SignalWait } from "../src/signal/provider";
import { WaitConditionHandle } from "./WaitConditionHandle";
import { childOptions } from "./childOptions";

/** Arguments of {@link WaitCondition} (HOT `OS::Heat::WaitCondition`). */
export interface WaitConditionArgs {
  /** The handle the instance signals. */
  readonly handle: WaitConditionHandle;
  /**
   * Signals (distinct ids) needed before the deployment continues.
   * @default 1
   */
  readonly count?: pulumi.Input<number>;
  /** Seconds to wait for `count` signals, 1 to 43200 (Heat requires it too; fractions allowed). */
  readonly timeoutSeconds: pulumi.Input<number>;
}

/** Heat's limits: count ≥ 1 (an integer), timeout 1..43200 s. */
function checkWaitArgs(name: string, count: number, timeoutSeconds: number): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`WaitCondition "${name}": count must be an integer ≥ 1, got ${JSON.stringify(count)}; it is how many signals to wait for (default 1).`);
  }
  if (typeof timeoutSeconds !== "number" || !(timeoutSeconds >= 1 && timeoutSeconds <= 43200)) {
    throw new Error(`WaitCondition "${name}": timeoutSeconds must be a number from 1 to 43200, got ${JSON.stringify(timeoutSeconds)}; Heat's tutorial uses 600.`);
  }
}

/**
 * Makes `pulumi up` wait, like Heat's OS::Heat::WaitCondition: create completes once the handle
 * has `count` signals, fails with the instance's reason on a FAILURE signal, and fails with
 * "<k> of <count> received" at the timeout. Give it `dependsOn: [server]` as heat_2d does.
 */
export class WaitCondition extends pulumi.ComponentResource {
  /** Heat's `data` attribute: the JSON string `{"<id>": <data>, ...}`, e.g. `{"1": null}`. */
  readonly data: pulumi.Output<string>;
  /** Signals stored when the wait completed. */
  readonly signalCount: pulumi.Output<number>;

  constructor(name: string, args: WaitConditionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:WaitCondition", name, {}, opts);
    const child = childOptions(this, opts);
    if (!(args?.handle instanceof WaitConditionHandle)) {
      throw new Error(`WaitCondition "${name}": handle must be a WaitConditionHandle, got ${typeof args?.handle}; create one with new WaitConditionHandle(...).`);
    }
    if (args.timeoutSeconds === undefined) {
      throw new Error(`WaitCondition "${name}": timeoutSeconds is required (1 to 43200 seconds), as Heat's timeout is; the tutorial uses 600.`);
    }
    // Plain values fail here, before anything is registered; Outputs are checked once known.
    if (typeof (args.count ?? 1) === "number" && typeof args.timeoutSeconds === "number") checkWaitArgs(name, (args.count ?? 1) as number, args.timeoutSeconds);
    const count = pulumi.output(args.count ?? 1);
    const timeoutSeconds = pulumi.output(args.timeoutSeconds);
    const checked = pulumi.all([count, timeoutSeconds]).apply(([c, t]) => {
      checkWaitArgs(name, c, t);
      return { c, t };
    });
    const wait = new SignalWait(
      `${name}-wait`,
      {
        receiverUrl: args.handle.receiverUrl,
        adminToken: args.handle.adminToken,
        handleId: args.handle.handleId,
        handleName: args.handle.handleName,
        conditionName: name,
        count: checked.c,
        timeoutSeconds: checked.t,
      },
      child,
    );
    this.data = wait.data;
    this.signalCount = wait.signalCount;
    this.registerOutputs({ data: this.data, signalCount: this.signalCount });
  }
}
