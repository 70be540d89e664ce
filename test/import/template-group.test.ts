import * as path from "path";
import { cloud, MockCloud, valueOf } from "../components/mockCloud";
import { HotStack } from "../../src/import/HotStack";
import { loadStack, planOf } from "../../src/import/load";

const fixtures = path.join(__dirname, "fixtures", "template-group");
const relative = (file: string) => path.relative(process.cwd(), path.join(fixtures, file));

describe("a ResourceGroup whose members are a template resource", () => {
  test("loads one nested template per member, its parameters the member's properties with the index substituted", () => {
    const { stack, diagnostics } = loadStack({ templateFile: relative("group.yaml"), environmentFiles: [relative("env.yaml")] });
    expect(diagnostics.format()).toEqual([]);
    const members = (name: string) =>
      stack!.resources
        .find((r) => r.name === name)!
        .members!.map((m) => [m.name, m.stack.template.file, m.stack.parameters.get("name")!.value, typeof m.stack.parameters.get("network")!.value]);
    const member = relative("member.yaml");
    // The network is a get_resource: known only after deployment (a runtime parameter of each member).
    expect([members("servers"), members("aliased")]).toEqual([
      [
        ["0", member, "web-0", "symbol"],
        ["1", member, "web-1", "symbol"],
      ],
      [["0", member, "db-0", "symbol"]],
    ]);
    expect(planOf(stack!).resources).toEqual([
      { name: "net", type: "OS::Neutron::Net", dependsOn: [] },
      { name: "servers", type: "OS::Heat::ResourceGroup", dependsOn: ["net"] },
      { name: "aliased", type: "OS::Heat::ResourceGroup", dependsOn: ["net"] },
    ]);
  });

  test("reports the first member's problems once, in the member template and at the group's properties", () => {
    const { diagnostics } = loadStack({ templateFile: relative("bad-group.yaml") });
    expect(diagnostics.format()).toEqual([
      `${relative("bad-member.yaml")}:10:23: error: property "admin_state_up" of OS::Neutron::Port: expected a boolean (true or false), got the string "maybe"`,
      `${relative("bad-group.yaml")}:11:19: error: Unknown Property colour: the template ${relative("bad-member.yaml")} has no parameter colour`,
    ]);
  });

  describe("HotStack", () => {
    let mock: MockCloud;
    beforeAll(async () => {
      mock = await MockCloud.install();
    });

    test("creates each member as a nested HotStack; refs, refs_map, attributes, resource.N[.attr] read the members", async () => {
      const stack = new HotStack("g", { template: path.join(fixtures, "group.yaml"), environmentFiles: [path.join(fixtures, "env.yaml")], configNamespace: false });
      const names = ["names", "refs", "refs_map", "second_name", "second_ref", "by_member", "first_port", "db_names"];
      const values = await Promise.all(names.map((n) => valueOf(stack.getOutput(n))));
      expect(Object.fromEntries(names.map((n, i) => [n, values[i]]))).toEqual({
        names: ["web-0", "web-1"],
        refs: ["g-servers-0-port-id", "g-servers-1-port-id"],
        refs_map: { "0": "g-servers-0-port-id", "1": "g-servers-1-port-id" },
        second_name: "web-1",
        second_ref: "g-servers-1-port-id",
        by_member: { "0": "web-0", "1": "web-1" },
        first_port: "g-servers-0-port-id",
        db_names: ["db-0"],
      });
      await mock.settle();
      const registered = mock.registrations.map((r) => [r.type, r.name, r.parent, r.inputs]).sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1));
      // Members are nested HotStacks named after the group and the index, children of the group's stack.
      // The network's ID is a parameter value in the member template: looked up by name or ID, as
      // Heat does (the mock's getNetwork answers with its one network).
      expect(registered).toEqual([
        ["heatshift:hot:HotStack", "g", "", {}],
        ["heatshift:hot:HotStack", "g-aliased-0", "heatshift:hot:HotStack::g", {}],
        ["openstack:networking/port:Port", "g-aliased-0-port", "heatshift:hot:HotStack::g-aliased-0", { adminStateUp: true, name: "db-0", networkId: cloud.publicNetwork.id }],
        ["openstack:networking/network:Network", "g-net", "heatshift:hot:HotStack::g", { adminStateUp: true, shared: false }],
        ["heatshift:hot:HotStack", "g-servers-0", "heatshift:hot:HotStack::g", {}],
        ["openstack:networking/port:Port", "g-servers-0-port", "heatshift:hot:HotStack::g-servers-0", { adminStateUp: true, name: "web-0", networkId: cloud.publicNetwork.id }],
        ["heatshift:hot:HotStack", "g-servers-1", "heatshift:hot:HotStack::g", {}],
        ["openstack:networking/port:Port", "g-servers-1-port", "heatshift:hot:HotStack::g-servers-1", { adminStateUp: true, name: "web-1", networkId: cloud.publicNetwork.id }],
      ]);
    });
  });
});
