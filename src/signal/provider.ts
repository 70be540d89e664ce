/**
 * Pulumi dynamic providers for the two signal resources, so the engine tracks them in state:
 * - SignalHandle: registers a handle on the receiver (create), removes it (delete).
 * - SignalWait: `create` blocks until the handle has `count` signals, fails on a FAILURE
 *   signal or at the timeout, exactly as Heat's WaitCondition does; `delete` clears the
 *   handle's signals as Heat does.
 * Pulumi serializes these provider objects into the dynamic-provider process; they use only
 * client.ts and metadata.ts, whose functions are self-contained (a unit test checks it).
 */
import * as pulumi from "@pulumi/pulumi";
import { ReceiverConnection, HandleState, clearSignals, readHandle, registerHandle, removeHandle } from "./client";
import { curlCli, failureSummary, timeoutSummary, waitOutcome } from "./metadata";

/** Inputs of a SignalHandle. */
export interface SignalHandleInputs {
  readonly receiverUrl: string;
  readonly adminToken: string;
  /** The handle's name in messages (the Pulumi resource name). */
  readonly handleName: string;
}

/** Outputs of a SignalHandle. */
export interface SignalHandleOutputs extends SignalHandleInputs {
  readonly endpoint: string;
  readonly token: string;
  readonly curlCli: string;
}

export const signalHandleProvider: pulumi.dynamic.ResourceProvider<SignalHandleInputs, SignalHandleOutputs> = {
  async create(inputs) {
    const connection = { url: inputs.receiverUrl, adminToken: inputs.adminToken };
    const handle = await registerHandle(connection, inputs.handleName);
    return {
      id: handle.id,
      outs: { ...inputs, endpoint: handle.endpoint, token: handle.token, curlCli: curlCli(handle.token, handle.endpoint) },
    };
  },
  async diff(_id, olds, news) {
    // Another receiver means another handle; a rotated admin token is just remembered.
    const replaces = olds.receiverUrl !== news.receiverUrl ? ["receiverUrl"] : [];
    const changes = replaces.length > 0 || olds.adminToken !== news.adminToken || olds.handleName !== news.handleName;
    return { changes, replaces, deleteBeforeReplace: false };
  },
  async update(_id, olds, news) {
    return { outs: { ...olds, adminToken: news.adminToken, handleName: news.handleName } };
  },
  async read(id, props) {
    const handle = props ? await readHandle({ url: props.receiverUrl, adminToken: props.adminToken }, id) : undefined;
    return handle === undefined || props === undefined ? {} : { id, props };
  },
  async delete(id, props) {
    await removeHandle({ url: props.receiverUrl, adminToken: props.adminToken }, id);
  },
};

/** Inputs of a SignalWait. */
export interface SignalWaitInputs {
  readonly receiverUrl: string;
  readonly adminToken: string;
  /** The handle's id on the receiver. */
  readonly handleId: string;
  readonly handleName: string;
  /** The wait condition's name in messages. */
  readonly conditionName: string;
  /** Signals (distinct ids) needed. */
  readonly count: number;
  /** Seconds to wait, from the start of create/update. */
  readonly timeoutSeconds: number;
}

/** Outputs of a SignalWait. */
export interface SignalWaitOutputs extends SignalWaitInputs {
  /** Heat's `data` attribute: JSON string `{id: data, ...}`. */
  readonly data: string;
  /** Signals stored when the wait completed. */
  readonly signalCount: number;
}

/** Longest single long-poll; the wait loop repeats it until the deadline. */
const POLL_MS = 20_000;

/** Waits like Heat's HeatWaitCondition._wait; resolves with the handle's final state. */
export async function waitForSignals(inputs: SignalWaitInputs): Promise<HandleState> {
  const connection: ReceiverConnection = { url: inputs.receiverUrl, adminToken: inputs.adminToken };
  const deadline = Date.now() + inputs.timeoutSeconds * 1000;
  let last: HandleState | undefined;
  let unreachable: Error | undefined;
  for (let remaining = deadline - Date.now(); remaining > 0; remaining = deadline - Date.now()) {
    try {
      last = await readHandle(connection, inputs.handleId, inputs.count, Math.min(remaining, POLL_MS));
      unreachable = undefined;
    } catch (error) {
      // A receiver restart (or a network blip) must not fail a long wait: retry until the deadline.
      if ((error as { code?: string }).code === undefined) throw error;
      unreachable = error as Error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(0, deadline - Date.now()))));
      continue;
    }
    if (last === undefined) {
      throw new Error(`WaitCondition "${inputs.conditionName}": handle "${inputs.handleName}" (${inputs.handleId}) no longer exists on the signal receiver at ${inputs.receiverUrl}`);
    }
    const outcome = waitOutcome(last.statuses, inputs.count);
    if (outcome === "failed") {
      throw new Error(`WaitCondition "${inputs.conditionName}" failed: handle "${inputs.handleName}" received a FAILURE signal: ${failureSummary(last.failureReasons)}`);
    }
    if (outcome === "complete") return last;
  }
  const received = last === undefined ? "the receiver could not be reached" : timeoutSummary(last.successReasons, inputs.count);
  const reachability = unreachable ? ` (last error: ${unreachable.message})` : "";
  throw new Error(
    `WaitCondition "${inputs.conditionName}" timed out after ${inputs.timeoutSeconds} s waiting for ${inputs.count} signal(s) on handle "${inputs.handleName}": ${received}${reachability}`,
  );
}

export const signalWaitProvider: pulumi.dynamic.ResourceProvider<SignalWaitInputs, SignalWaitOutputs> = {
  async create(inputs) {
    const state = await waitForSignals(inputs);
    return { id: `${inputs.handleId}/wait`, outs: { ...inputs, data: state.data, signalCount: state.signalCount } };
  },
  async diff(_id, olds, news) {
    const replaces = olds.handleId !== news.handleId || olds.receiverUrl !== news.receiverUrl ? ["handleId"] : [];
    // As in Heat, a new count or timeout waits again (stored signals still count).
    const changes =
      replaces.length > 0 ||
      olds.count !== news.count ||
      olds.timeoutSeconds !== news.timeoutSeconds ||
      olds.adminToken !== news.adminToken ||
      olds.conditionName !== news.conditionName ||
      olds.handleName !== news.handleName;
    return { changes, replaces, deleteBeforeReplace: false };
  },
  async update(_id, olds, news) {
    if (olds.count === news.count && olds.timeoutSeconds === news.timeoutSeconds) return { outs: { ...olds, ...news } };
    const state = await waitForSignals(news);
    return { outs: { ...news, data: state.data, signalCount: state.signalCount } };
  },
  async delete(_id, props) {
    // Heat's HeatWaitCondition.handle_delete empties the handle's metadata; a gone handle is fine.
    await clearSignals({ url: props.receiverUrl, adminToken: props.adminToken }, props.handleId);
  },
};

/** The dynamic resource behind WaitConditionHandle (type `pulumi-nodejs:dynamic/heatshift:SignalHandle`). */
export class SignalHandle extends pulumi.dynamic.Resource {
  /** The TOKEN_SIGNAL endpoint (secret). */
  declare readonly endpoint: pulumi.Output<string>;
  /** The handle's token (secret). */
  declare readonly token: pulumi.Output<string>;
  /** Heat's curl_cli (secret). */
  declare readonly curlCli: pulumi.Output<string>;

  constructor(name: string, args: { [K in keyof SignalHandleInputs]: pulumi.Input<SignalHandleInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
    super(
      signalHandleProvider,
      name,
      { ...args, endpoint: undefined, token: undefined, curlCli: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["adminToken", "endpoint", "token", "curlCli"] }),
      "heatshift",
      "SignalHandle",
    );
  }
}

/** The dynamic resource behind WaitCondition (type `pulumi-nodejs:dynamic/heatshift:SignalWait`). */
export class SignalWait extends pulumi.dynamic.Resource {
  /** Heat's `data` attribute. */
  declare readonly data: pulumi.Output<string>;
  /** Signals stored when the wait completed. */
  declare readonly signalCount: pulumi.Output<number>;

  constructor(name: string, args: { [K in keyof SignalWaitInputs]: pulumi.Input<SignalWaitInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
    super(
      signalWaitProvider,
      name,
      { ...args, data: undefined, signalCount: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["adminToken"] }),
      "heatshift",
      "SignalWait",
    );
  }
}
