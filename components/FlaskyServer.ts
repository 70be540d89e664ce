import * as fs from "fs";
import * as path from "path";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { strReplace } from "../src/hot/functions/str_replace";
import { RandomString } from "./RandomString";
import { childOptions } from "./childOptions";
import {
  ServerNetwork,
  firstAddress,
  flavorArgs,
  imageArgs,
  instanceNetworkArgs,
  userDataFor,
  validateNetworks,
} from "../src/registry/nova/Server";

export type { ServerNetwork } from "../src/registry/nova/Server";

/**
 * Where flasky-user-data.sh is: beside this module when run from source (ts-node, jest), in the
 * source tree when run from a tsc build in dist/ (tsc copies no .sh files).
 */
function userDataTemplatePath(): string {
  const candidates = [path.join(__dirname, "flasky-user-data.sh"), path.join(__dirname, "..", "..", "components", "flasky-user-data.sh")];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) {
    throw new Error(`the Flasky user_data template is missing: looked for ${candidates.join(" and ")}; restore components/flasky-user-data.sh`);
  }
  return found;
}

/** The str_replace template of heat_2b's `flasky_instance` user_data, byte for byte. */
export const flaskyUserDataTemplate = fs.readFileSync(userDataTemplatePath(), "utf8");

/** The line heat_2d appends to signal its wait condition; `wc_notify` becomes the handle's `curl_cli`. */
export const waitConditionNotifyLine = `wc_notify --data-binary '{"status": "SUCCESS"}'\n`;

/** The values put into the Flasky script. */
export interface FlaskyUserDataValues {
  readonly gmailUsername: string;
  readonly gmailPassword: string;
  readonly flaskSecretKey: string;
  /** The wait condition handle's curl command prefix; when given, the script ends by signalling SUCCESS (heat_2d). */
  readonly waitConditionCurlCli?: string;
}

/**
 * The Flasky boot script exactly as Heat renders heat_2b's (or, with a curl command, heat_2d's)
 * user_data: Heat's str_replace of the tutorial's template with the 2013-05-23 semantics.
 */
export function renderFlaskyUserData(values: FlaskyUserDataValues): string {
  const params: Record<string, string> = {
    __gmail_username__: values.gmailUsername,
    __gmail_password__: values.gmailPassword,
    __flask_secret_key__: values.flaskSecretKey,
  };
  if (values.waitConditionCurlCli === undefined) {
    return strReplace(flaskyUserDataTemplate, params, { jsonValues: false });
  }
  return strReplace(flaskyUserDataTemplate + waitConditionNotifyLine, { ...params, wc_notify: values.waitConditionCurlCli }, { jsonValues: false });
}

export interface FlaskyServerArgs {
  /** Name or ID of the image; the script expects an Ubuntu with apt (the tutorial used trusty-server-cloudimg-amd64). */
  readonly image: pulumi.Input<string>;
  /** Name or ID of the flavor, e.g. "m1.small". */
  readonly flavor: pulumi.Input<string>;
  /**
   * Name of the key pair to install.
   * @default - no key pair
   */
  readonly keyName?: pulumi.Input<string>;
  /**
   * The NICs, in order: each a network (name or ID) to create a port on, or an existing port.
   * The first address of these (Heat's `first_address`) becomes `firstAddress`.
   */
  readonly networks: readonly ServerNetwork[];
  /**
   * Security group names or IDs; not allowed when a NIC is an existing port (put them on the port).
   * @default - Nova applies the project's "default" group
   */
  readonly securityGroups?: readonly pulumi.Input<string>[];
  /** Gmail account the app sends notifications from (the tutorial's gmail_username). */
  readonly gmailUsername: pulumi.Input<string>;
  /** Password of that account (the tutorial's hidden gmail_password); always treated as a secret. */
  readonly gmailPassword: pulumi.Input<string>;
  /**
   * Flask's SECRET_KEY.
   * @default - a new 32-character letters+digits random string, like heat_2b's OS::Heat::RandomString
   */
  readonly flaskSecretKey?: pulumi.Input<string>;
  /**
   * curl command prefix of a wait condition handle (WaitConditionHandle's `curlCli`): the script then
   * ends with heat_2d's `wc_notify --data-binary '{"status": "SUCCESS"}'`.
   * @default - no signal (heat_2b/2c)
   */
  readonly waitConditionCurlCli?: pulumi.Input<string>;
  /**
   * Server name.
   * @default - Pulumi's auto-name `<name>-<random>` (Heat's is `<stack>-<resource>-<random>`)
   */
  readonly serverName?: pulumi.Input<string>;
}

/**
 * The tutorial's Flasky server (heat_2b's `flasky_instance`, OS::Nova::Server with user_data_format
 * RAW): a Nova instance that installs and starts Flasky behind nginx on first boot, configured by a
 * user_data script rendered from typed settings. The script holds the mail password and the Flask
 * secret key, so it is a secret.
 */
export class FlaskyServer extends pulumi.ComponentResource {
  /** Name of the server (Heat's `name` attribute). */
  readonly instanceName: pulumi.Output<string>;
  /** First IP address of the server, chosen as Heat's `first_address` does. */
  readonly firstAddress: pulumi.Output<string>;
  /** ID of the server. */
  readonly instanceId: pulumi.Output<string>;
  /** The rendered user_data script (secret). */
  readonly userData: pulumi.Output<string>;

  constructor(name: string, args: FlaskyServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("heatshift:openstack:FlaskyServer", name, {}, opts);
    const child = childOptions(this, opts);
    const where = `FlaskyServer ${name}`;
    for (const key of ["image", "flavor", "gmailUsername", "gmailPassword"] as const) {
      if (args[key] === undefined || args[key] === "") {
        throw new Error(`${where}: ${key} is ${JSON.stringify(args[key])}; expected a non-empty value`);
      }
    }
    if (args.networks === undefined || args.networks.length === 0) {
      throw new Error(
        `${where}: networks is ${JSON.stringify(args.networks)}; expected at least one entry, e.g. [{ network: "private-net" }] or [{ port: port.id }]`,
      );
    }
    const securityGroups = args.securityGroups ?? [];
    validateNetworks(args.networks, securityGroups, where);

    const flaskSecretKey =
      args.flaskSecretKey ??
      new RandomString(`${name}-secret-key`, { length: 32, sequence: "lettersdigits" }, child).value;

    this.userData = pulumi.secret(
      pulumi
        .all([args.gmailUsername, pulumi.secret(args.gmailPassword), flaskSecretKey, args.waitConditionCurlCli])
        .apply(([gmailUsername, gmailPassword, key, waitConditionCurlCli]) =>
          renderFlaskyUserData({ gmailUsername, gmailPassword, flaskSecretKey: key, waitConditionCurlCli }),
        ),
    );

    // The instance is the component itself, so it takes the component's name.
    const instance = new openstack.compute.Instance(
      name,
      {
        ...(args.serverName === undefined ? {} : { name: args.serverName }),
        ...imageArgs(args.image),
        ...flavorArgs(args.flavor),
        ...(args.keyName === undefined ? {} : { keyPair: args.keyName }),
        networks: args.networks.map(instanceNetworkArgs),
        ...(securityGroups.length === 0 ? {} : { securityGroups: [...securityGroups] }),
        userData: userDataFor("RAW", this.userData),
      },
      child,
    );

    this.instanceName = instance.name;
    this.firstAddress = instance.networks.apply(firstAddress);
    this.instanceId = instance.id;
    this.registerOutputs({
      instanceName: this.instanceName,
      firstAddress: this.firstAddress,
      instanceId: this.instanceId,
      userData: this.userData,
    });
  }
}
