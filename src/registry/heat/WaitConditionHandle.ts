/**
 * OS::Heat::WaitConditionHandle → heatshift's WaitConditionHandle component (a handle in the
 * heatshift signal receiver that speaks Heat's TOKEN_SIGNAL protocol; see docs/signals).
 */
import * as pulumi from "@pulumi/pulumi";
import { WaitConditionHandle } from "../../../components/WaitConditionHandle";
import { AttributeSpec, PropertiesSchema, RegistryEntry } from "../types";

export const properties: PropertiesSchema = {
  signal_transport: {
    type: "String",
    default: "TOKEN_SIGNAL",
    allowed: ["CFN_SIGNAL", "TEMP_URL_SIGNAL", "HEAT_SIGNAL", "NO_SIGNAL", "ZAQAR_SIGNAL", "TOKEN_SIGNAL"],
  },
};

export const attributes: Readonly<Record<string, AttributeSpec>> = {
  curl_cli: { description: "The curl command prefix that signals the handle (a secret: it holds the token)." },
  endpoint: { description: "The URL to POST signals to." },
  token: { description: "The token for X-Auth-Token (a secret)." },
  signal: { description: 'JSON with what a client needs to signal; "null" for TOKEN_SIGNAL, as in Heat.' },
};

export const waitConditionHandleEntry: RegistryEntry = {
  type: "OS::Heat::WaitConditionHandle",
  pulumiTypes: ["heatshift:openstack:WaitConditionHandle"],
  properties,
  attributes,
  validate(props) {
    if (props.signal_transport !== "TOKEN_SIGNAL" && typeof props.signal_transport === "string") {
      return [{ message: `signal_transport ${props.signal_transport} is not supported: heatshift's signal receiver speaks TOKEN_SIGNAL only; remove signal_transport`, path: ["signal_transport"] }];
    }
    return [];
  },
  create(ctx) {
    const handle = new WaitConditionHandle(ctx.logicalName, { signalTransport: "TOKEN_SIGNAL" }, ctx.options);
    const values: Record<string, () => pulumi.Output<unknown>> = {
      curl_cli: () => handle.curlCli,
      endpoint: () => handle.endpoint,
      token: () => handle.token,
      signal: () => handle.signal,
    };
    return { referenceId: handle.handleId, resources: [handle], attribute: (name) => values[name]?.() };
  },
};
