import { MockCloud, valueOf } from "./mockCloud";
import { WebSecurityGroup, webServerRules } from "../../components/WebSecurityGroup";
import { deletesDefaultEgressRules, secGroupRuleArgs } from "../../src/registry/neutron/SecurityGroup";

const PARENT = "heatshift:openstack:WebSecurityGroup::web";
const GROUP = "openstack:networking/secGroup:SecGroup::web-secgroup";

// heat_2c/2d's web_server_security_group: name web_server_security_group, rules icmp, tcp 22, 443, 80.
describe("WebSecurityGroup", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
  });
  beforeEach(() => {
    mock.registrations.length = 0;
  });

  it("creates the tutorial's group and its four ingress rules with Heat's defaults", async () => {
    const group = new WebSecurityGroup("web");
    expect(await valueOf(group.securityGroupId)).toBe("web-secgroup-id");
    expect(await valueOf(group.securityGroupName)).toBe("web_server_security_group");
    await mock.settle();

    const rule = (name: string, inputs: Record<string, unknown>) => ({
      type: "openstack:networking/secGroupRule:SecGroupRule",
      name,
      parent: PARENT,
      dependencies: [GROUP],
      inputs: { securityGroupId: "web-secgroup-id", direction: "ingress", ethertype: "IPv4", ...inputs },
    });
    expect(mock.registrations).toEqual([
      { type: "heatshift:openstack:WebSecurityGroup", name: "web", parent: "", dependencies: [], inputs: {} },
      {
        type: "openstack:networking/secGroup:SecGroup",
        name: "web-secgroup",
        parent: PARENT,
        dependencies: [],
        // No egress rule among the tutorial's: Neutron's default egress rules stay, as with Heat.
        inputs: { name: "web_server_security_group", deleteDefaultRules: false },
      },
      rule("web-rule-0", { protocol: "icmp" }),
      rule("web-rule-1", { protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }),
      rule("web-rule-2", { protocol: "tcp", portRangeMin: 443, portRangeMax: 443 }),
      rule("web-rule-3", { protocol: "tcp", portRangeMin: 80, portRangeMax: 80 }),
    ]);
  });

  it("deletes the default egress rules once a rule is egress, and takes a name and description", async () => {
    const group = new WebSecurityGroup("web", {
      groupName: "locked-down",
      description: "only https out",
      rules: [
        { protocol: "tcp", portRangeMin: 443, portRangeMax: 443, direction: "egress", remoteIpPrefix: "0.0.0.0/0" },
        { protocol: "udp", ethertype: "IPv6", remoteMode: "remote_group_id" },
      ],
    });
    await valueOf(group.securityGroupId);
    await mock.settle();

    expect(mock.registrations.map((r) => [r.name, r.inputs])).toEqual([
      ["web", {}],
      ["web-secgroup", { name: "locked-down", description: "only https out", deleteDefaultRules: true }],
      [
        "web-rule-0",
        {
          securityGroupId: "web-secgroup-id",
          direction: "egress",
          ethertype: "IPv4",
          protocol: "tcp",
          portRangeMin: 443,
          portRangeMax: 443,
          remoteIpPrefix: "0.0.0.0/0",
        },
      ],
      // remote_group_id without a group: Heat makes the rule refer to its own group.
      ["web-rule-1", { securityGroupId: "web-secgroup-id", direction: "ingress", ethertype: "IPv6", protocol: "udp", remoteGroupId: "web-secgroup-id" }],
    ]);
  });

  it.each([
    [{ groupName: "default" }, 'security group name "default" is not allowed'],
    [{ rules: [{ protocol: "tcp", portRangeMin: 70000 }] }, "WebSecurityGroup bad: rules[0].portRangeMin is 70000; expected an integer from 0 to 65535"],
    [{ rules: [{ protocol: "icmp", portRangeMin: 0 }] }, "WebSecurityGroup bad: rules[0].portRangeMin is 0, which the OpenStack provider cannot express"],
    [{ rules: [{}, { direction: "in" as "ingress" }] }, 'WebSecurityGroup bad: rules[1].direction is "in"; expected one of "ingress", "egress"'],
  ])("refuses %j", (args, message) => {
    expect(() => new WebSecurityGroup("bad", args)).toThrow(message);
  });
});

describe("registry OS::Neutron::SecurityGroup rules", () => {
  it.each([
    ["no keys: ingress IPv4 from anywhere, any protocol", {}, { securityGroupId: "sg", direction: "ingress", ethertype: "IPv4" }],
    [
      "remote_ip_prefix mode ignores remoteGroupId, as Heat sets it to None",
      { remoteGroupId: "other", remoteIpPrefix: "10.0.0.0/8" },
      { securityGroupId: "sg", direction: "ingress", ethertype: "IPv4", remoteIpPrefix: "10.0.0.0/8" },
    ],
    [
      "remote_group_id mode ignores remoteIpPrefix and keeps the given group",
      { remoteMode: "remote_group_id" as const, remoteGroupId: "other", remoteIpPrefix: "10.0.0.0/8" },
      { securityGroupId: "sg", direction: "ingress", ethertype: "IPv4", remoteGroupId: "other" },
    ],
    [
      "an ICMP type and code travel in the port range",
      { protocol: "icmp", portRangeMin: 8, portRangeMax: 1 },
      { securityGroupId: "sg", direction: "ingress", ethertype: "IPv4", protocol: "icmp", portRangeMin: 8, portRangeMax: 1 },
    ],
  ])("%s", (_title, rule, expected) => {
    expect(secGroupRuleArgs(rule, "sg")).toEqual(expected);
  });

  it("deletes Neutron's default egress rules only when a rule is egress", () => {
    expect(deletesDefaultEgressRules(webServerRules)).toBe(false);
    expect(deletesDefaultEgressRules([])).toBe(false);
    expect(deletesDefaultEgressRules([{ direction: "ingress" }, { direction: "egress" }])).toBe(true);
  });

});
