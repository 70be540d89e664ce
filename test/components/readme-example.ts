// The README's first example, kept compiling and tested (readme-example.test.ts): your own
// composition of heatshift's components, with other rules and a custom subnet.
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { FlaskyServer, FloatingIp, PrivateNetwork, WebSecurityGroup } from "../../components";

const config = new pulumi.Config();

const network = new PrivateNetwork("app", { publicNetwork: "public", cidr: "10.20.0.0/24" });
const web = new WebSecurityGroup("app", {
  groupName: "app-web",
  rules: [
    { protocol: "tcp", portRangeMin: 80, portRangeMax: 80 },
    { protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "192.0.2.0/24" },
  ],
});
const port = new openstack.networking.Port(
  "app-port",
  { networkId: network.networkId, securityGroupIds: [web.securityGroupId] },
  { dependsOn: [network.subnet] }, // Heat's rule: a port waits for the subnets of its network
);
const server = new FlaskyServer("app", {
  image: "ubuntu-22.04",
  flavor: "m1.small",
  keyName: "ops",
  networks: [{ port: port.id }],
  gmailUsername: config.require("gmail_username"),
  gmailPassword: config.requireSecret("gmail_password"),
});
const ip = new FloatingIp("app", { publicNetwork: "public", portId: port.id }, { dependsOn: [network.routerInterface] });

export const serverName = server.instanceName;
export const url = pulumi.interpolate`http://${ip.address}/`;
