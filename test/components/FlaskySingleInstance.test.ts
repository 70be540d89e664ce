import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud, Registration, cloud, secretValue, valueOf } from "./mockCloud";
import { FlaskySingleInstance } from "../../components/FlaskySingleInstance";

const golden = (name: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "flasky", name), "utf8");
/** Registrations in (type, name) order: the order they reach the engine depends on timing. */
const sorted = (registrations: Registration[]) =>
  [...registrations].sort((a, b) => (`${a.type}::${a.name}` < `${b.type}::${b.name}` ? -1 : 1));
/** Registrations without the provider code dynamic resources carry (the random-string and signal tests check that code). */
const withoutProviderCode = (registrations: Registration[]) =>
  registrations.map(({ inputs: { __provider, ...inputs }, ...r }) => {
    expect(typeof __provider).toBe(r.type.startsWith("pulumi-nodejs:dynamic/") ? "string" : "undefined");
    return { ...r, inputs };
  });

const TOP = "heatshift:openstack:FlaskySingleInstance::flasky";
const NETWORK = "heatshift:openstack:PrivateNetwork::flasky-network";
const SECGROUP = "heatshift:openstack:WebSecurityGroup::flasky-secgroup";
const SERVER = "heatshift:openstack:FlaskyServer::flasky-server";
const FIP = "heatshift:openstack:FloatingIp::flasky-floating-ip";

/** heat_2c's parameters with the tutorial's defaults, and the golden files' mail values. */
const args = {
  image: "trusty-server-cloudimg-amd64",
  flavor: "m1.small",
  keyName: "my_key",
  publicNetwork: "public-net",
  gmailUsername: "flasky.admin",
  gmailPassword: "p@ss w0rd$&\\1",
};

const rule = (index: number, inputs: Record<string, unknown>): Registration => ({
  type: "openstack:networking/secGroupRule:SecGroupRule",
  name: `flasky-secgroup-rule-${index}`,
  parent: SECGROUP,
  dependencies: ["openstack:networking/secGroup:SecGroup::flasky-secgroup-secgroup"],
  inputs: { securityGroupId: "flasky-secgroup-secgroup-id", direction: "ingress", ethertype: "IPv4", ...inputs },
});

/** heat_2c resource by resource: which Heat resource each registration stands for is in the comment. */
function expectedGraph(userData: string): Registration[] {
  return [
    { type: "heatshift:openstack:FlaskySingleInstance", name: "flasky", parent: "", dependencies: [], inputs: {} },
    { type: "heatshift:openstack:FlaskyServer", name: "flasky-server", parent: TOP, dependencies: [], inputs: {} },
    {
      // floating_ip and floating_ip_assoc wait for the router interface (Heat: floating_ip waits for the router).
      type: "heatshift:openstack:FloatingIp",
      name: "flasky-floating-ip",
      parent: TOP,
      dependencies: ["openstack:networking/routerInterface:RouterInterface::flasky-network-router-interface"],
      inputs: {},
    },
    { type: "heatshift:openstack:PrivateNetwork", name: "flasky-network", parent: TOP, dependencies: [], inputs: {} },
    { type: "heatshift:openstack:WebSecurityGroup", name: "flasky-secgroup", parent: TOP, dependencies: [], inputs: {} },
    {
      // flasky_instance: networks [{port: flasky_port}], user_data_format RAW.
      type: "openstack:compute/instance:Instance",
      name: "flasky-server",
      parent: SERVER,
      dependencies: ["openstack:networking/port:Port::flasky-port", "pulumi-nodejs:dynamic/heatshift:RandomString::flasky-server-secret-key"],
      inputs: {
        imageName: "trusty-server-cloudimg-amd64",
        flavorName: "m1.small",
        keyPair: "my_key",
        networks: [{ port: "flasky-port-id" }],
        userData: secretValue(userData),
      },
      additionalSecretOutputs: ["adminPass"],
    },
    {
      // floating_ip: floating_network public_network; the component's dependency reaches it.
      type: "openstack:networking/floatingIp:FloatingIp",
      name: "flasky-floating-ip-fip",
      parent: FIP,
      dependencies: ["openstack:networking/routerInterface:RouterInterface::flasky-network-router-interface"],
      inputs: { pool: "public-net" },
    },
    {
      // floating_ip_assoc: floatingip_id floating_ip, port_id flasky_port.
      type: "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
      name: "flasky-floating-ip-assoc",
      parent: FIP,
      dependencies: [
        "openstack:networking/floatingIp:FloatingIp::flasky-floating-ip-fip",
        "openstack:networking/port:Port::flasky-port",
        "openstack:networking/routerInterface:RouterInterface::flasky-network-router-interface",
      ],
      inputs: { floatingIp: cloud.floatingAddress, portId: "flasky-port-id" },
    },
    {
      // private_network.
      type: "openstack:networking/network:Network",
      name: "flasky-network-net",
      parent: NETWORK,
      dependencies: [],
      inputs: { adminStateUp: true, shared: false },
    },
    {
      // flasky_port: network private_network, security_groups [web_server_security_group];
      // Heat's hidden dependency on private_subnet (same network) included.
      type: "openstack:networking/port:Port",
      name: "flasky-port",
      parent: TOP,
      dependencies: [
        "openstack:networking/network:Network::flasky-network-net",
        "openstack:networking/secGroup:SecGroup::flasky-secgroup-secgroup",
        "openstack:networking/subnet:Subnet::flasky-network-subnet",
      ],
      inputs: { adminStateUp: true, networkId: "flasky-network-net-id", securityGroupIds: ["flasky-secgroup-secgroup-id"] },
    },
    {
      // router: external_gateway_info.network public_network (looked up: Heat resolves names too).
      type: "openstack:networking/router:Router",
      name: "flasky-network-router",
      parent: NETWORK,
      dependencies: [],
      inputs: { adminStateUp: true, externalNetworkId: cloud.publicNetwork.id },
    },
    {
      // router-interface: router_id router, subnet private_subnet.
      type: "openstack:networking/routerInterface:RouterInterface",
      name: "flasky-network-router-interface",
      parent: NETWORK,
      dependencies: ["openstack:networking/router:Router::flasky-network-router", "openstack:networking/subnet:Subnet::flasky-network-subnet"],
      inputs: { routerId: "flasky-network-router-id", subnetId: "flasky-network-subnet-id" },
    },
    {
      // web_server_security_group: name web_server_security_group.
      type: "openstack:networking/secGroup:SecGroup",
      name: "flasky-secgroup-secgroup",
      parent: SECGROUP,
      dependencies: [],
      inputs: { name: "web_server_security_group", deleteDefaultRules: false },
    },
    // Its rules: icmp, tcp 22, tcp 443, tcp 80.
    rule(0, { protocol: "icmp" }),
    rule(1, { protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }),
    rule(2, { protocol: "tcp", portRangeMin: 443, portRangeMax: 443 }),
    rule(3, { protocol: "tcp", portRangeMin: 80, portRangeMax: 80 }),
    {
      // private_subnet: network_id private_network, cidr 10.10.10.0/24, dns_nameservers [8.8.8.8].
      type: "openstack:networking/subnet:Subnet",
      name: "flasky-network-subnet",
      parent: NETWORK,
      dependencies: ["openstack:networking/network:Network::flasky-network-net"],
      inputs: { networkId: "flasky-network-net-id", cidr: "10.10.10.0/24", dnsNameservers: ["8.8.8.8"], ipVersion: 4, enableDhcp: true },
    },
    // flask_secret_key: length 32, sequence lettersdigits (Heat's translation makes it the only class).
    { type: "heatshift:heat:RandomString", name: "flasky-server-secret-key", parent: SERVER, dependencies: [], inputs: {} },
    {
      type: "pulumi-nodejs:dynamic/heatshift:RandomString",
      name: "flasky-server-secret-key",
      parent: "heatshift:heat:RandomString::flasky-server-secret-key",
      dependencies: [],
      inputs: { length: 32, characterClasses: [{ class: "lettersdigits", min: 1 }], characterSequences: [] },
      additionalSecretOutputs: ["value"],
    },
  ];
}

describe("FlaskySingleInstance (heat_2c)", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => {
    mock.registrations.length = 0;
    mock.invocations.length = 0;
  });

  it("creates heat_2c resource for resource, property for property, and outputs instance_name and instance_ip", async () => {
    const flasky = new FlaskySingleInstance("flasky", args);
    expect(await valueOf(flasky.instanceName)).toBe(`flasky-server${cloud.autoNameSuffix}`);
    expect(await valueOf(flasky.instanceIp)).toBe(cloud.floatingAddress);
    await mock.settle();

    expect(sorted(withoutProviderCode(mock.registrations))).toEqual(sorted(expectedGraph(golden("heat_2b-user-data.golden"))));
    // The public network is looked up twice by name: for the router gateway and for the floating IP pool.
    expect(mock.invocations).toEqual([
      { token: "openstack:networking/getNetwork:getNetwork", inputs: { name: "public-net" } },
      { token: "openstack:networking/getNetwork:getNetwork", inputs: { name: "public-net" } },
    ]);
  });

  it("is heat_2d with a wait condition: the handle's curl command replaces wc_notify, the condition waits on the handle", async () => {
    const receiver = { url: "http://127.0.0.1:8000", adminToken: "admin-secret" };
    const flasky = new FlaskySingleInstance("flasky", { ...args, waitCondition: { receiver } });
    await valueOf(flasky.instanceIp);
    expect(await valueOf(flasky.waitConditionData as pulumi.Output<string>)).toBe('{"1": null}');
    await mock.settle();

    const registrations = withoutProviderCode(mock.registrations);
    const adminToken = secretValue("admin-secret");
    const heat2d = expectedGraph(golden("heat_2d-user-data.golden")).map((r) =>
      // flasky_instance also waits for wait_handle: its curl_cli is in the user_data (Heat: get_attr).
      r.name === "flasky-server" && r.type === "openstack:compute/instance:Instance"
        ? { ...r, dependencies: [...r.dependencies, "pulumi-nodejs:dynamic/heatshift:SignalHandle::flasky-wait-handle-handle"].sort() }
        : r,
    );
    expect(sorted(registrations)).toEqual(
      sorted([
        ...heat2d,
        { type: "heatshift:openstack:WaitConditionHandle", name: "flasky-wait-handle", parent: TOP, dependencies: [], inputs: {} },
        { type: "heatshift:openstack:WaitCondition", name: "flasky-wait-condition", parent: TOP, dependencies: [], inputs: {} },
        {
          // wait_handle (TOKEN_SIGNAL).
          type: "pulumi-nodejs:dynamic/heatshift:SignalHandle",
          name: "flasky-wait-handle-handle",
          parent: "heatshift:openstack:WaitConditionHandle::flasky-wait-handle",
          dependencies: [],
          inputs: { adminToken, handleName: "flasky-wait-handle", receiverUrl: receiver.url },
          additionalSecretOutputs: ["adminToken", "endpoint", "token", "curlCli"],
        },
        {
          // wait_condition: handle wait_handle, count 1, timeout 600.
          type: "pulumi-nodejs:dynamic/heatshift:SignalWait",
          name: "flasky-wait-condition-wait",
          parent: "heatshift:openstack:WaitCondition::flasky-wait-condition",
          dependencies: ["pulumi-nodejs:dynamic/heatshift:SignalHandle::flasky-wait-handle-handle"],
          inputs: {
            adminToken,
            conditionName: "flasky-wait-condition",
            count: 1,
            handleId: "flasky-wait-handle-handle-id",
            handleName: "flasky-wait-handle",
            receiverUrl: receiver.url,
            timeoutSeconds: 600,
          },
          additionalSecretOutputs: ["adminToken"],
        },
      ]),
    );
  });

  it("has no wait condition without waitCondition (heat_2c)", async () => {
    const flasky = new FlaskySingleInstance("flasky", args);
    await valueOf(flasky.instanceIp);
    expect(flasky.waitConditionData).toBeUndefined();
  });

  it("refuses a missing parameter before creating anything", async () => {
    mock.registrations.length = 0;
    expect(() => new FlaskySingleInstance("bad", { ...args, publicNetwork: "" })).toThrow(
      'FlaskySingleInstance bad: publicNetwork is ""; expected a non-empty value',
    );
    await mock.settle();
    expect(mock.registrations.map((r) => r.name)).toEqual(["bad"]);
  });
});
