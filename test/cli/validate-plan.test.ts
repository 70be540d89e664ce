import * as path from "path";
import { planCommand } from "../../src/cli/plan";
import { validateCommand } from "../../src/cli/validate";

const fixtures = path.relative(process.cwd(), path.join(__dirname, "..", "fixtures", "import"));
const tutorial = path.relative(process.cwd(), path.join(__dirname, "..", "..", "..", "shared", "hot-corpus", "miguelgrinberg__heat-tutorial"));
const at = (file: string) => path.join(fixtures, file);

function run(command: (args: string[], io: { out(l: string): void; err(l: string): void }) => number, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = command(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const subnetKeys =
  "network, subnetpool, prefixlen, cidr, value_specs, name, ip_version, dns_nameservers, gateway_ip, enable_dhcp, allocation_pools, tenant_id, host_routes, ipv6_ra_mode, ipv6_address_mode, segment, tags";
const portAttributes =
  "admin_state_up, device_id, device_owner, fixed_ips, mac_address, name, network_id, security_groups, status, tenant_id, allowed_address_pairs, subnets, port_security_enabled, qos_policy_id, dns_assignment, network, propagate_uplink_status, show";

describe("heatshift validate", () => {
  test("a valid template: no output, exit 0", () => {
    expect(run(validateCommand, [path.join(tutorial, "heat_2d.yaml"), "-P", "gmail_username=me;gmail_password=pw"])).toEqual({ code: 0, out: [], err: [] });
  });

  test("every problem, one FILE:LINE:COL line each, in file order, exit 1 (strict: update_policy is an error)", () => {
    const f = at("problems.yaml");
    expect(run(validateCommand, [f, "-P", "size=3"])).toEqual({
      code: 1,
      err: [],
      out: [
        `${f}:10:23: error: property "admin_state_up" of OS::Neutron::Net: expected a boolean (true or false), got the string "maybe"`,
        `${f}:14:7: error: "network_id" and "network" are both given; "network_id" is the deprecated name of "network" (OS::Neutron::Subnet): keep only "network"`,
        `${f}:17:19: error: unknown property "ip_versoin" for OS::Neutron::Subnet; did you mean "ip_version"? (known: ${subnetKeys})`,
        `${f}:22:5: error: update_policy of port is kept but not honoured: Pulumi applies updates by its own diff (no rolling or batched updates)`,
        `${f}:24:11: error: resource type OS::Heat::SoftwareDeployment is a Heat type that heatshift does not import (21 types are mapped, see docs/importer.md); register a mapping with register(), or map the type to a template in resource_registry`,
        `${f}:26:11: error: The Resource Type (My::Own::Thing) could not be found: it is neither a Heat resource type nor mapped in resource_registry`,
        `${f}:29:31: error: The Referenced Attribute (port mac_adress) is incorrect. OS::Neutron::Port has no attribute "mac_adress" (attributes: ${portAttributes})`,
      ],
    });
  });

  test("--no-strict: what is accepted but not honoured is a warning", () => {
    const { out } = run(validateCommand, [at("problems.yaml"), "-P", "size=3", "--no-strict"]);
    expect(out[3]).toBe(
      `${at("problems.yaml")}:22:5: warning: update_policy of port is kept but not honoured: Pulumi applies updates by its own diff (no rolling or batched updates)`,
    );
  });

  test("every get_file whose file cannot be read is an error at the get_file, as Heat's client refuses to send the template", () => {
    const f = at("missing-file.yaml");
    expect(run(validateCommand, [f])).toEqual({
      code: 1,
      err: [],
      out: [
        `${f}:9:32: error: get_file: cannot read scripts/install.sh: no such file (Heat's client refuses the template too)`,
        `${f}:13:23: error: get_file: cannot read README.txt: no such file (Heat's client refuses the template too)`,
      ],
    });
  });

  test("a missing parameter value is reported at the parameter", () => {
    const f = path.join(tutorial, "heat_2d.yaml");
    expect(run(validateCommand, [f, "-P", "gmail_username=me"]).out).toEqual([
      `${f}:30:3: error: The Parameter (gmail_password) was not provided. It has no default: give it a value (e.g. -P "gmail_password=..." or an environment file's parameters)`,
    ]);
  });

  test.each([
    [[], "heatshift validate: missing TEMPLATE"],
    [["a.yaml", "--frobnicate"], "heatshift validate: unknown option --frobnicate"],
    [["a.yaml", "-P", "novalue"], "heatshift validate: Malformed parameter(novalue). Use the key=value format."],
    [["a.yaml", "b.yaml"], "heatshift validate: one template only (got a.yaml and b.yaml)"],
  ])("usage error %j: exit 2", (args, message) => {
    expect(run(validateCommand, args)).toEqual({
      code: 2,
      out: [],
      err: [message, 'usage: heatshift validate TEMPLATE [-e ENV]... [-P "k1=v1;k2=v2"]... [--no-strict]'],
    });
  });

  test("a file that does not exist: exit 1, no stack trace", () => {
    expect(run(validateCommand, ["nowhere.yaml"])).toEqual({ code: 1, out: ["nowhere.yaml: error: cannot read template nowhere.yaml: no such file"], err: [] });
  });
});

describe("heatshift plan", () => {
  test("--json: resources in dependency order with sorted dependencies, outputs, parameters with hidden ones masked", () => {
    const { code, out } = run(planCommand, [path.join(tutorial, "heat_2d.yaml"), "-P", "gmail_username=me;gmail_password=pw", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0])).toEqual({
      resources: [
        { name: "wait_handle", type: "OS::Heat::WaitConditionHandle", dependsOn: [] },
        { name: "wait_condition", type: "OS::Heat::WaitCondition", dependsOn: ["wait_handle"] },
        { name: "flask_secret_key", type: "OS::Heat::RandomString", dependsOn: [] },
        { name: "web_server_security_group", type: "OS::Neutron::SecurityGroup", dependsOn: [] },
        { name: "private_network", type: "OS::Neutron::Net", dependsOn: [] },
        { name: "private_subnet", type: "OS::Neutron::Subnet", dependsOn: ["private_network"] },
        { name: "router", type: "OS::Neutron::Router", dependsOn: [] },
        { name: "router-interface", type: "OS::Neutron::RouterInterface", dependsOn: ["private_subnet", "router"] },
        { name: "flasky_port", type: "OS::Neutron::Port", dependsOn: ["private_network", "private_subnet", "web_server_security_group"] },
        { name: "flasky_instance", type: "OS::Nova::Server", dependsOn: ["flask_secret_key", "flasky_port", "private_subnet", "wait_handle"] },
        { name: "floating_ip", type: "OS::Neutron::FloatingIP", dependsOn: ["router"] },
        { name: "floating_ip_assoc", type: "OS::Neutron::FloatingIPAssociation", dependsOn: ["flasky_port", "floating_ip", "router-interface"] },
      ],
      outputs: ["instance_name", "instance_ip"],
      parameters: {
        image: "trusty-server-cloudimg-amd64",
        flavor: "m1.small",
        key: "my_key",
        public_network: "public-net",
        gmail_username: "me",
        gmail_password: "[secret]",
      },
    });
  });

  test("environment files: parameters and a type alias", () => {
    const { code, out } = run(planCommand, [at("aliased.yaml"), "-e", at("env.yaml"), "--json"]);
    expect([code, JSON.parse(out[0])]).toEqual([
      0,
      {
        resources: [
          { name: "secret", type: "My::Random", dependsOn: [] },
          { name: "keys", type: "OS::Nova::KeyPair", dependsOn: [] },
        ],
        outputs: ["value"],
        parameters: { password: "[secret]" },
      },
    ]);
  });

  test("template resources through an environment's resource_registry (the tutorial's library, read locally)", () => {
    const { code, out, err } = run(planCommand, [path.join(tutorial, "heat_3d.yaml"), "-e", at("tutorial-lib.env.yaml"), "--json"]);
    expect([code, err, JSON.parse(out[0])]).toEqual([
      0,
      [],
      {
        resources: [
          { name: "network", type: "Lib::MSG::PrivateNetwork", dependsOn: [] },
          { name: "mysql", type: "Lib::MSG::MySQL", dependsOn: ["network"] },
          { name: "wordpress", type: "Lib::MSG::Wordpress", dependsOn: ["mysql", "network"] },
          { name: "floating_ip", type: "Lib::MSG::FloatingIP", dependsOn: ["wordpress"] },
        ],
        outputs: ["ip"],
        parameters: { image: "trusty-server-cloudimg-amd64", flavor: "m1.small", key: "my_key", public_network: "public" },
      },
    ]);
  });

  test("a cycle is reported with the whole cycle at its first reference: exit 1, nothing on stdout", () => {
    expect(run(planCommand, [at("cycle.yaml"), "--json"])).toEqual({
      code: 1,
      out: [],
      err: [`${at("cycle.yaml")}:5:17: error: circular dependency (a → c → b → a)`],
    });
  });

  test("without --json: one line per resource", () => {
    expect(run(planCommand, [at("aliased.yaml"), "-e", at("env.yaml")]).out).toEqual(["secret (My::Random)", "keys (OS::Nova::KeyPair)", "outputs: value"]);
  });
});
