/**
 * The Flasky stack of the Heat tutorial as a Pulumi program: heat_2c built from heatshift's
 * components, or heat_2d with `wait_condition: true`. Stack config mirrors the template's
 * parameters, with the same defaults:
 *
 *   pulumi config set gmail_username you
 *   pulumi config set --secret gmail_password '...'
 *   pulumi config set public_network public        # default public-net
 *   (image, flavor, key: defaults trusty-server-cloudimg-amd64, m1.small, my_key)
 *   pulumi config set wait_condition true          # heat_2d: wait (600 s) for the server's signal;
 *                                                  # needs heatshift's signal receiver (heatshift:signalReceiverUrl)
 */
import * as pulumi from "@pulumi/pulumi";
import { FlaskySingleInstance } from "./components";

const config = new pulumi.Config();

const flasky = new FlaskySingleInstance("flasky", {
  image: config.get("image") ?? "trusty-server-cloudimg-amd64",
  flavor: config.get("flavor") ?? "m1.small",
  keyName: config.get("key") ?? "my_key",
  publicNetwork: config.get("public_network") ?? "public-net",
  gmailUsername: config.require("gmail_username"),
  gmailPassword: config.requireSecret("gmail_password"),
  ...(config.getBoolean("wait_condition") === true ? { waitCondition: { timeoutSeconds: 600 } } : {}),
});

/** Name of the instance. */
export const instance_name = flasky.instanceName;
/** The IP address of the deployed instance (its floating IP). */
export const instance_ip = flasky.instanceIp;
