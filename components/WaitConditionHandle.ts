import * as pulumi from "@pulumi/pulumi";
import { SignalHandle } from "../src/signal/provider";
import { SignalReceiverArgs, resolveSignalReceiver } from "../src/signal/receiverConfig";
import { childOptions } from "./childOptions";

export { SignalReceiverArgs };

/** Arguments of {@link WaitConditionHandle} (HOT `OS::Heat::WaitConditionHandle`). */
export interface WaitConditionHandleArgs {
  /**
   * The signal receiver that holds the handle and that instances POST to.
   * @default stack config `heatshift:signalReceiverUrl` and secret `heatshift:signalAdminToken`,
   * else the environment variables `HEATSHIFT_SIGNAL_URL` and `HEATSHIFT_SIGNAL_ADMIN_TOKEN`
   */
  readonly receiver?: SignalReceiverArgs;
  /**
   * How the instance signals. Only Heat's default, TOKEN_SIGNAL (an HTTP POST with
   * `X-Auth-Token`), exists outside OpenStack's own services.
   * @default "TOKEN_SIGNAL"
   */
  readonly signalTransport?: "TOKEN_SIGNAL";
}

/**
 * A place for an instance to report that it is ready, like Heat's OS::Heat::WaitConditionHandle
 * with TOKEN_SIGNAL: put {@link curlCli} into the instance's user_data and end the script with
 * `wc_notify --data-binary '{"status": "SUCCESS"}'`; a {@link WaitCondition} waits for it.
 */
export class WaitConditionHandle extends pulumi.ComponentResource {
  /** The handle's id on the receiver. */
  readonly handleId: pulumi.Output<string>;
  /** The URL the instance POSTs to (secret: it names the handle). */
  readonly endpoint: pulumi.Output<string>;
  /** The token the instance sends as `X-Auth-Token` (secret). */
  readonly token: pulumi.Output<string>;
  /** Heat's curl_cli, byte for byte: `curl -i -X POST -H 'X-Auth-Token: …' … <endpoint>` (secret). */
  readonly curlCli: pulumi.Output<string>;
  /** Heat's `signal` attribute for TOKEN_SIGNAL: the JSON string `null`. */
  readonly signal: pulumi.Output<string>;
  /** The receiver's URL as this program reaches it. */
  readonly receiverUrl: pulumi.Output<string>;
  /** The receiver's admin token (secret), for the WaitCondition. */
  readonly adminToken: pulumi.Output<string>;
  /** The name used in messages (this component's name). */
  readonly handleName: string;

  constructor(name: string, args: WaitConditionHandleArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:WaitConditionHandle", name, {}, opts);
    const child = childOptions(this, opts);
    const transport = args.signalTransport ?? "TOKEN_SIGNAL";
    if (transport !== "TOKEN_SIGNAL") {
      throw new Error(
        `WaitConditionHandle "${name}": signalTransport ${JSON.stringify(transport)} is not supported; only "TOKEN_SIGNAL" is ` +
          "(CFN_SIGNAL, HEAT_SIGNAL, TEMP_URL_SIGNAL and ZAQAR_SIGNAL need Heat's own services). Remove signal_transport or set it to TOKEN_SIGNAL.",
      );
    }
    const receiver = resolveSignalReceiver(name, args.receiver);
    const handle = new SignalHandle(`${name}-handle`, { receiverUrl: receiver.url, adminToken: receiver.adminToken, handleName: name }, child);
    this.handleName = name;
    this.handleId = handle.id;
    this.endpoint = pulumi.secret(handle.endpoint);
    this.token = pulumi.secret(handle.token);
    this.curlCli = pulumi.secret(handle.curlCli);
    this.signal = pulumi.output("null");
    this.receiverUrl = receiver.url;
    this.adminToken = receiver.adminToken;
    this.registerOutputs({ handleId: this.handleId, endpoint: this.endpoint, token: this.token, curlCli: this.curlCli, signal: this.signal });
  }
}
