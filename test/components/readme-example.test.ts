import * as pulumi from "@pulumi/pulumi";
import { MockCloud, cloud, valueOf } from "./mockCloud";

describe("the README's example composition", () => {
  it("deploys a Flasky server with its own rules and subnet", async () => {
    const mock = await MockCloud.install("example");
    pulumi.runtime.setAllConfig(
      { "example:gmail_username": "ops.mail", "example:gmail_password": "pw" },
      ["example:gmail_password"],
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require("./readme-example") as { serverName: pulumi.Output<string>; url: pulumi.Output<string> };
    expect(await valueOf(example.url)).toBe(`http://${cloud.floatingAddress}/`);
    expect(await valueOf(example.serverName)).toBe(`app${cloud.autoNameSuffix}`);
    await mock.settle();

    expect(mock.registrations.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "heatshift:heat:RandomString::app-secret-key",
      "heatshift:openstack:FlaskyServer::app",
      "heatshift:openstack:FloatingIp::app",
      "heatshift:openstack:PrivateNetwork::app",
      "heatshift:openstack:WebSecurityGroup::app",
      "openstack:compute/instance:Instance::app",
      "openstack:networking/floatingIp:FloatingIp::app-fip",
      "openstack:networking/floatingIpAssociate:FloatingIpAssociate::app-assoc",
      "openstack:networking/network:Network::app-net",
      "openstack:networking/port:Port::app-port",
      "openstack:networking/router:Router::app-router",
      "openstack:networking/routerInterface:RouterInterface::app-router-interface",
      "openstack:networking/secGroup:SecGroup::app-secgroup",
      "openstack:networking/secGroupRule:SecGroupRule::app-rule-0",
      "openstack:networking/secGroupRule:SecGroupRule::app-rule-1",
      "openstack:networking/subnet:Subnet::app-subnet",
      "pulumi-nodejs:dynamic/heatshift:RandomString::app-secret-key",
    ]);
    const ssh = mock.registrations.find((r) => r.name === "app-rule-1");
    expect(ssh?.inputs).toEqual({
      securityGroupId: "app-secgroup-id",
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "192.0.2.0/24",
    });
    expect(mock.registrations.find((r) => r.name === "app-subnet")?.inputs.cidr).toBe("10.20.0.0/24");
  });
});
