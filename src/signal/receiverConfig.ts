/**
 * Where a Pulumi program finds its signal receiver: explicit args, else stack config
 * (`heatshift:signalReceiverUrl`, secret `heatshift:signalAdminToken`), else the environment
 * (`HEATSHIFT_SIGNAL_URL`, `HEATSHIFT_SIGNAL_ADMIN_TOKEN`).
 */
import * as pulumi from "@pulumi/pulumi";

/** A signal receiver as a Pulumi program reaches it. */
export interface SignalReceiverArgs {
  /** Base URL of the receiver's API as this program reaches it, e.g. `http://127.0.0.1:8000`. */
  readonly url: pulumi.Input<string>;
  /** The receiver's admin token (the content of `<data dir>/admin-token`). */
  readonly adminToken: pulumi.Input<string>;
}

/** The receiver for `resourceName`, with the admin token as a secret; throws if none is configured. */
export function resolveSignalReceiver(
  resourceName: string,
  args: SignalReceiverArgs | undefined,
): { url: pulumi.Output<string>; adminToken: pulumi.Output<string> } {
  if (args !== undefined) return { url: pulumi.output(args.url), adminToken: pulumi.secret(args.adminToken) };
  const config = new pulumi.Config("heatshift");
  const url = config.get("signalReceiverUrl") ?? process.env.HEATSHIFT_SIGNAL_URL;
  const adminToken = config.getSecret("signalAdminToken") ?? process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
  if (url === undefined || adminToken === undefined) {
    const missing = [url === undefined ? "the receiver URL" : "", adminToken === undefined ? "the admin token" : ""].filter((m) => m).join(" and ");
    throw new Error(
      `"${resourceName}" needs a signal receiver but ${missing} is not configured. ` +
        "Run `heatshift signal-receiver --listen HOST:PORT --data DIR`, then " +
        "`pulumi config set heatshift:signalReceiverUrl http://HOST:PORT` and " +
        "`pulumi config set --secret heatshift:signalAdminToken \"$(cat DIR/admin-token)\"` " +
        "(or set HEATSHIFT_SIGNAL_URL / HEATSHIFT_SIGNAL_ADMIN_TOKEN, or pass `receiver` from startSignalReceiver()).",
    );
  }
  return { url: pulumi.output(url), adminToken: pulumi.secret(adminToken) };
}
