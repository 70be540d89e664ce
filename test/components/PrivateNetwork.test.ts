import { MockCloud, cloud, valueOf } from "./mockCloud";
import { PrivateNetwork } from "../../components/PrivateNetwork";

// heat_2c: private_network (OS::Neutron::Net), private_subnet (cidr 10.10.10.0/24, dns 8.8.8.8),
// router (external_gateway_info.network: public_network), router-interface (router + subnet).
describe("PrivateNetwork", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => {
    mock.registrations.length = 0;
    mock.invocations.length = 0;
  });

  it("creates heat_2c's network, subnet, router and router interface with Heat's values", async () => {
    const network = new PrivateNetwork("flasky", { publicNetwork: "public-net" });
    const [networkId, networkName, subnetId, routerId] = await Promise.all([
      valueOf(network.networkId),
      valueOf(network.networkName),
      valueOf(network.subnetId),
      valueOf(network.routerId),
    ]);
    await mock.settle();

    expect(mock.registrations).toEqual([
      { type: "heatshift:openstack:PrivateNetwork", name: "flasky", parent: "", dependencies: [], inputs: {} },
      {
        type: "openstack:networking/network:Network",
        name: "flasky-net",
        parent: "heatshift:openstack:PrivateNetwork::flasky",
        dependencies: [],
        inputs: { adminStateUp: true, shared: false },
      },
      {
        type: "openstack:networking/subnet:Subnet",
        name: "flasky-subnet",
        parent: "heatshift:openstack:PrivateNetwork::flasky",
        dependencies: ["openstack:networking/network:Network::flasky-net"],
        inputs: {
          networkId: "flasky-net-id",
          cidr: "10.10.10.0/24",
          dnsNameservers: ["8.8.8.8"],
          ipVersion: 4,
          enableDhcp: true,
        },
      },
      {
        type: "openstack:networking/router:Router",
        name: "flasky-router",
        parent: "heatshift:openstack:PrivateNetwork::flasky",
        dependencies: [],
        inputs: { adminStateUp: true, externalNetworkId: cloud.publicNetwork.id },
      },
      {
        type: "openstack:networking/routerInterface:RouterInterface",
        name: "flasky-router-interface",
        parent: "heatshift:openstack:PrivateNetwork::flasky",
        dependencies: ["openstack:networking/router:Router::flasky-router", "openstack:networking/subnet:Subnet::flasky-subnet"],
        inputs: { routerId: "flasky-router-id", subnetId: "flasky-subnet-id" },
      },
    ]);
    // Heat resolves the gateway network by name or ID: a name is looked up by name.
    expect(mock.invocations).toEqual([{ token: "openstack:networking/getNetwork:getNetwork", inputs: { name: "public-net" } }]);
    // The network is not named: the provider auto-names it after the Pulumi name.
    expect([networkId, networkName, subnetId, routerId]).toEqual(["flasky-net-id", `flasky-net${cloud.autoNameSuffix}`, "flasky-subnet-id", "flasky-router-id"]);
  });

  it("looks a UUID-like public network up by ID and takes a custom CIDR and name servers", async () => {
    const network = new PrivateNetwork("custom", {
      publicNetwork: cloud.publicNetwork.id,
      cidr: "192.168.7.0/24",
      dnsNameservers: ["1.1.1.1", "9.9.9.9"],
    });
    await valueOf(network.routerId);
    await mock.settle();

    expect(mock.invocations).toEqual([
      { token: "openstack:networking/getNetwork:getNetwork", inputs: { networkId: cloud.publicNetwork.id } },
    ]);
    const subnet = mock.registrations.find((r) => r.name === "custom-subnet");
    expect(subnet?.inputs).toEqual({
      networkId: "custom-net-id",
      cidr: "192.168.7.0/24",
      dnsNameservers: ["1.1.1.1", "9.9.9.9"],
      ipVersion: 4,
      enableDhcp: true,
    });
  });

  it("refuses a missing public network, saying what is expected", () => {
    expect(() => new PrivateNetwork("bad", { publicNetwork: "" })).toThrow(
      'PrivateNetwork bad: publicNetwork is ""; expected the name or ID of the external network for the router gateway',
    );
  });
});
