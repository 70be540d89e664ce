// The stack of test/e2e/flasky.test.ts: the Heat tutorial's heat_2d as heatshift components. Like the
// root index.ts with `wait_condition: true`, except that the wait condition's timeout is stack config
// (`wait_timeout`), so the test can make it expire in seconds instead of heat_2d's 600.
import * as pulumi from "@pulumi/pulumi";
import { FlaskySingleInstance } from "../../../../components";

const config = new pulumi.Config();

const flasky = new FlaskySingleInstance("flasky", {
  image: config.require("image"),
  flavor: config.get("flavor") ?? "m1.small",
  keyName: config.get("key") ?? "my_key",
  publicNetwork: config.get("public_network") ?? "public-net",
  gmailUsername: config.require("gmail_username"),
  gmailPassword: config.requireSecret("gmail_password"),
  waitCondition: { timeoutSeconds: config.requireNumber("wait_timeout") },
});

/** Name of the instance (heat_2d's output). */
export const instance_name = flasky.instanceName;
/** The floating IP of the instance (heat_2d's output). */
export const instance_ip = flasky.instanceIp;
/** The wait condition's data, Heat's `get_attr: [wait_condition, data]`. */
export const wait_data = flasky.waitConditionData;
