import * as pulumi from "@pulumi/pulumi";
import { MockCloud, cloud, secretValue, valueOf } from "../components/mockCloud";
import { WaitCondition } from "../../components/WaitCondition";
import { WaitConditionHandle } from "../../components/WaitConditionHandle";

const receiver = { url: "http://127.0.0.1:8000", adminToken: "admin-secret" };

/** A stand-in for the instance the wait condition waits for (CustomResource itself is abstract). */
class TestServer extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Server", name, {});
  }
}

describe("WaitConditionHandle and WaitCondition under mocks", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => mock.registrations.splice(0));

  it("registers a handle and a wait, with secrets where Heat's values are credentials", async () => {
    const handle = new WaitConditionHandle("wait_handle", { receiver });
    const server = new TestServer("server");
    const wait = new WaitCondition("wait_condition", { handle, count: 2, timeoutSeconds: 600 }, { dependsOn: [server] });
    expect(await valueOf(handle.curlCli)).toEqual(cloud.handle.curlCli);
    expect(await valueOf(handle.signal)).toEqual("null");
    expect(await valueOf(wait.data)).toEqual('{"1": null}');
    for (const output of [handle.curlCli, handle.token, handle.endpoint, handle.adminToken]) expect(await pulumi.isSecret(output)).toEqual(true);
    expect(await pulumi.isSecret(wait.data)).toEqual(false);
    await mock.settle();
    // Registration order depends on when inputs resolve; compare by type and name.
    const registrations = mock.registrations
      .map(({ inputs: { __provider, ...inputs }, ...r }) => ({ ...r, inputs, provider: typeof __provider }))
      .sort((a, b) => `${a.type}::${a.name}`.localeCompare(`${b.type}::${b.name}`));
    expect(registrations).toEqual([
      { type: "heatshift:openstack:WaitCondition", name: "wait_condition", parent: "", dependencies: ["test:index:Server::server"], inputs: {}, provider: "undefined" },
      { type: "heatshift:openstack:WaitConditionHandle", name: "wait_handle", parent: "", dependencies: [], inputs: {}, provider: "undefined" },
      {
        type: "pulumi-nodejs:dynamic/heatshift:SignalHandle",
        name: "wait_handle-handle",
        parent: "heatshift:openstack:WaitConditionHandle::wait_handle",
        dependencies: [],
        inputs: { adminToken: secretValue("admin-secret"), handleName: "wait_handle", receiverUrl: receiver.url },
        additionalSecretOutputs: ["adminToken", "endpoint", "token", "curlCli"],
        provider: "string",
      },
      {
        type: "pulumi-nodejs:dynamic/heatshift:SignalWait",
        name: "wait_condition-wait",
        parent: "heatshift:openstack:WaitCondition::wait_condition",
        dependencies: ["pulumi-nodejs:dynamic/heatshift:SignalHandle::wait_handle-handle", "test:index:Server::server"],
        inputs: {
          adminToken: secretValue("admin-secret"),
          conditionName: "wait_condition",
          count: 2,
          handleId: "wait_handle-handle-id",
          handleName: "wait_handle",
          receiverUrl: receiver.url,
          timeoutSeconds: 600,
        },
        additionalSecretOutputs: ["adminToken"],
        provider: "string",
      },
      { type: "test:index:Server", name: "server", parent: "", dependencies: [], inputs: {}, provider: "undefined" },
    ]);
  });

  it("takes the receiver from the environment when no args and no config give one", async () => {
    process.env.HEATSHIFT_SIGNAL_URL = "http://127.0.0.1:9999";
    process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN = "from-env";
    try {
      const handle = new WaitConditionHandle("env_handle");
      expect(await valueOf(handle.receiverUrl)).toEqual("http://127.0.0.1:9999");
      expect(await valueOf(handle.adminToken)).toEqual("from-env");
      expect(await pulumi.isSecret(handle.adminToken)).toEqual(true);
    } finally {
      delete process.env.HEATSHIFT_SIGNAL_URL;
      delete process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
    }
  });

  it("says how to configure a receiver when none is", () => {
    expect(() => new WaitConditionHandle("lonely")).toThrow(
      '"lonely" needs a signal receiver but the receiver URL and the admin token is not configured. Run `heatshift signal-receiver --listen HOST:PORT --data DIR`, then ' +
        "`pulumi config set heatshift:signalReceiverUrl http://HOST:PORT` and `pulumi config set --secret heatshift:signalAdminToken \"$(cat DIR/admin-token)\"` " +
        "(or set HEATSHIFT_SIGNAL_URL / HEATSHIFT_SIGNAL_ADMIN_TOKEN, or pass `receiver` from startSignalReceiver()).",
    );
  });

  it.each([
    [{ count: 0, timeoutSeconds: 600 }, 'WaitCondition "bad": count must be an integer ≥ 1, got 0; it is how many signals to wait for (default 1).'],
    [{ count: 1.5, timeoutSeconds: 600 }, 'WaitCondition "bad": count must be an integer ≥ 1, got 1.5; it is how many signals to wait for (default 1).'],
    [{ timeoutSeconds: 0 }, "WaitCondition \"bad\": timeoutSeconds must be a number from 1 to 43200, got 0; Heat's tutorial uses 600."],
    [{ timeoutSeconds: 43201 }, "WaitCondition \"bad\": timeoutSeconds must be a number from 1 to 43200, got 43201; Heat's tutorial uses 600."],
  ])("refuses %j", (args, message) => {
    const handle = new WaitConditionHandle(`h-${mock.registrations.length}`, { receiver });
    expect(() => new WaitCondition("bad", { handle, ...args })).toThrow(message);
  });

  it("refuses transports other than TOKEN_SIGNAL", () => {
    expect(() => new WaitConditionHandle("cfn", { receiver, signalTransport: "CFN_SIGNAL" as "TOKEN_SIGNAL" })).toThrow(
      'WaitConditionHandle "cfn": signalTransport "CFN_SIGNAL" is not supported; only "TOKEN_SIGNAL" is (CFN_SIGNAL, HEAT_SIGNAL, TEMP_URL_SIGNAL and ZAQAR_SIGNAL need Heat\'s own services). Remove signal_transport or set it to TOKEN_SIGNAL.',
    );
  });
});
