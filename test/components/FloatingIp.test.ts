import { MockCloud, cloud, valueOf } from "./mockCloud";
import { FloatingIp } from "../../components/FloatingIp";

// heat_2c: floating_ip (floating_network: public_network) and floating_ip_assoc (floatingip_id, port_id).
describe("FloatingIp", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });

  it("allocates from the public network's pool and associates the address with the port", async () => {
    const fip = new FloatingIp("web-ip", { publicNetwork: "public-net", portId: "port-1" });
    expect(await valueOf(fip.address)).toBe(cloud.floatingAddress);
    expect(await valueOf(fip.floatingIpId)).toBe("web-ip-fip-id");
    await mock.settle();

    expect(mock.registrations).toEqual([
      { type: "heatshift:openstack:FloatingIp", name: "web-ip", parent: "", dependencies: [], inputs: {} },
      {
        type: "openstack:networking/floatingIp:FloatingIp",
        name: "web-ip-fip",
        parent: "heatshift:openstack:FloatingIp::web-ip",
        dependencies: [],
        // The provider's pool is the network's name, found by the lookup below.
        inputs: { pool: cloud.publicNetwork.name },
      },
      {
        type: "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
        name: "web-ip-assoc",
        parent: "heatshift:openstack:FloatingIp::web-ip",
        dependencies: ["openstack:networking/floatingIp:FloatingIp::web-ip-fip"],
        inputs: { floatingIp: cloud.floatingAddress, portId: "port-1" },
      },
    ]);
    expect(mock.invocations).toEqual([{ token: "openstack:networking/getNetwork:getNetwork", inputs: { name: "public-net" } }]);
  });

  it.each([
    [{ publicNetwork: "", portId: "p" }, 'FloatingIp bad: publicNetwork is ""; expected the name or ID of the external network'],
    [{ publicNetwork: "public", portId: "" }, 'FloatingIp bad: portId is ""; expected the ID of the port to give the address to'],
  ])("refuses %j", (args, message) => {
    expect(() => new FloatingIp("bad", args)).toThrow(message);
  });
});
