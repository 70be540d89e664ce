/**
 * `heatshift adopt`: the import document for heat_2d's abandon document (a fixture written from
 * Heat's `prepare_abandon`), a resource list with plain resources, every resource not imported
 * reported, bad input reported at its position with exit 1, usage errors with exit 2.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { adoptCommand } from "../../src/cli/adopt";
import { adoptStack, ImportSpec } from "../../src/adopt/importDocument";
import { formatDiagnostic } from "../../src/hot/diagnostics";

const fixtures = path.join(__dirname, "..", "fixtures", "adopt");
const abandon = path.join(fixtures, "heat_2d.abandon.json");
const plainTemplate = path.join(fixtures, "plain.yaml");
const plainList = path.join(fixtures, "plain.resource-list.json");
const heat2d = path.join(__dirname, "..", "fixtures", "flasky", "heat_2d.yaml");

/** The command's exit code and what it printed. */
function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = adoptCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, stdout: out.join("\n"), stderr: err };
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A new temp folder, removed after the tests. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-adopt-"));
  tempDirs.push(dir);
  return dir;
}

/** A file with `text` in a temp folder. */
function tempFile(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

const child = (type: string, name: string, id: string, parent: string): ImportSpec => ({ type, name, id, parent, version: "4.0.0" });

/** heat_2d's IDs in the fixture. */
const ids = {
  group: "0f3c1a52-8d9e-4b7a-a1c2-3d4e5f607182",
  net: "7a9b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  subnet: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
  router: "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9",
  port: "3d4e5f60-7182-4a93-b4c5-d6e7f8091a2b",
  server: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  fip: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
};

const heat2dWithoutLookups: ImportSpec[] = [
  { type: "heatshift:openstack:WebSecurityGroup", name: "web_server_security_group", component: true },
  child("openstack:networking/secGroup:SecGroup", "web_server_security_group-secgroup", ids.group, "web_server_security_group"),
  { type: "heatshift:openstack:PrivateNetwork", name: "private_network", component: true },
  child("openstack:networking/network:Network", "private_network-net", ids.net, "private_network"),
  child("openstack:networking/subnet:Subnet", "private_network-subnet", ids.subnet, "private_network"),
  child("openstack:networking/router:Router", "private_network-router", ids.router, "private_network"),
  { type: "openstack:networking/port:Port", name: "flasky_port", id: ids.port, version: "4.0.0" },
  { type: "heatshift:openstack:FlaskyServer", name: "flasky_instance", component: true },
  { ...child("openstack:compute/instance:Instance", "flasky_instance_2", ids.server, "flasky_instance"), logicalName: "flasky_instance" },
  { type: "heatshift:openstack:FloatingIp", name: "floating_ip", component: true },
  child("openstack:networking/floatingIp:FloatingIp", "floating_ip-fip", ids.fip, "floating_ip"),
  // Heat's id of the association is its own database id (42): the provider takes the floating IP's.
  child("openstack:networking/floatingIpAssociate:FloatingIpAssociate", "floating_ip-assoc", ids.fip, "floating_ip"),
];

describe("heat_2d's abandon document", () => {
  test("becomes the import document under the converter's names, components as parents", () => {
    const result = adoptStack({ heatFile: abandon });
    expect(result.document).toEqual({ resources: heat2dWithoutLookups });
  });

  test("every resource not imported is a warning at its place in the document (template order), with the reason and what to do", () => {
    const { problems } = adoptStack({ heatFile: abandon });
    const dynamic = "is a Pulumi dynamic resource, which `pulumi import` cannot read from the cloud";
    const instanceAdvice =
      "the provider cannot read back a server's userData nor the port of its networks, so the program's first preview after the import replaces the server unless it ignores changes to them: " +
      'give the server (or its FlaskyServer component) the option `transformations: [(a) => a.type === "openstack:compute/instance:Instance" ? { props: a.props, opts: pulumi.mergeOptions(a.opts, { ignoreChanges: ["userData", "networks"] }) } : undefined]` (docs/adopt.md)';
    expect(problems.map(formatDiagnostic)).toEqual([
      `${abandon}:244:9: warning: heatshift:openstack:WaitCondition wait_condition is not imported: heatshift's WaitCondition ${dynamic}; the next \`pulumi up\` creates a new one, which waits (up to its timeout) for a signal to the new handle that the running server, booted long ago, does not send: send it with the handle's curl_cli, or remove the wait condition from the program once the stack is adopted`,
      `${abandon}:253:9: warning: heatshift:openstack:WaitConditionHandle wait_handle is not imported: heatshift's WaitConditionHandle ${dynamic}; the next \`pulumi up\` creates a new handle (a new signal URL and token on heatshift's receiver)`,
      `${abandon}:273:9: warning: heatshift:heat:RandomString flask_secret_key is not imported: heatshift's RandomString ${dynamic}; the next \`pulumi up\` generates a new value (Heat's is in the abandon document's resource_data, which is not copied), and whatever uses it (a server's user_data) changes`,
      `${abandon}:284:9: warning: security group rules web_server_security_group-rule-0, web_server_security_group-rule-1, web_server_security_group-rule-2, web_server_security_group-rule-3 (for web_server_security_group, in the order of its rules) are not imported: Heat keeps only the group's id, not the ids of the rules it made; find them in \`openstack security group rule list ${ids.group} -f json\` (same protocol, ports, direction and remote) and run adopt again with --id web_server_security_group-rule-0=RULE_ID and so on (without them, \`pulumi up\` creates the rules again and Neutron refuses the duplicates)`,
      `${abandon}:320:9: warning: openstack:networking/routerInterface:RouterInterface private_network-router-interface (for router-interface) is not imported: the provider imports a router interface by its port's id, which Heat does not keep (its id is "${ids.router}:subnet_id=${ids.subnet}"); find it with \`openstack port list --router ${ids.router} --fixed-ip subnet=${ids.subnet} -f value -c ID\` and run adopt again with --id private_network-router-interface=PORT_ID`,
      `${abandon}:338:9: warning: openstack:compute/instance:Instance flasky_instance_2 is imported, but ${instanceAdvice}`,
    ]);
    expect(problems.every((p) => p.severity === "warning")).toBe(true);
  });

  test("--id gives the IDs Heat does not keep: the router interface's port and the rules, in the rules' places", () => {
    const given = { "private_network-router-interface": "port-ri", ...Object.fromEntries([0, 1, 2, 3].map((i) => [`web_server_security_group-rule-${i}`, `rule-${i}`])) };
    const result = adoptStack({ heatFile: abandon, ids: given });
    const rules = [0, 1, 2, 3].map((i) => child("openstack:networking/secGroupRule:SecGroupRule", `web_server_security_group-rule-${i}`, `rule-${i}`, "web_server_security_group"));
    const routerInterface = child("openstack:networking/routerInterface:RouterInterface", "private_network-router-interface", "port-ri", "private_network");
    expect(result.document).toEqual({
      resources: [...heat2dWithoutLookups.slice(0, 2), ...rules, ...heat2dWithoutLookups.slice(2, 6), routerInterface, ...heat2dWithoutLookups.slice(6)],
    });
    expect(result.problems.map((p) => p.message.split(/ is (not )?imported/)[0])).toEqual([
      "heatshift:openstack:WaitCondition wait_condition",
      "heatshift:openstack:WaitConditionHandle wait_handle",
      "heatshift:heat:RandomString flask_secret_key",
      "openstack:compute/instance:Instance flasky_instance_2",
    ]);
  });

  test("--template replaces the document's own template (here the same one): same document", () => {
    expect(adoptStack({ heatFile: abandon, templateFile: heat2d }).document).toEqual({ resources: heat2dWithoutLookups });
  });

  test("the CLI writes the document to --out, the warnings and a summary to stderr; exit 0", () => {
    const out = path.join(tempDir(), "sub", "import.json");
    const result = run([abandon, "--out", out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual({ resources: heat2dWithoutLookups });
    expect(result.stderr.length).toBe(7);
    expect(result.stderr[6]).toBe(`heatshift adopt: 8 resources to import, written to ${out}; then run \`pulumi import --file ${out}\` in the converted project`);
  });

  test("without --out the document goes to stdout", () => {
    const result = run([abandon]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ resources: heat2dWithoutLookups });
  });
});

describe("a resource list with plain resources", () => {
  test("plain resources at the top level; a router interface made with a port is imported by that port; notes for the rest", () => {
    const result = adoptStack({ heatFile: plainList, templateFile: plainTemplate, ids: { "group-rule-0": "rule-22" } });
    const top = (type: string, name: string, id: string): ImportSpec => ({ type, name, id, version: "4.0.0" });
    expect(result.document).toEqual({
      resources: [
        top("openstack:networking/network:Network", "net", "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d"),
        top("openstack:networking/subnet:Subnet", "subnet", "4b3a2918-0d6f-4e5d-9c3b-2a19f8e7d6c5"),
        top("openstack:networking/router:Router", "router", "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"),
        top("openstack:networking/port:Port", "router_port", "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4"),
        top("openstack:networking/routerInterface:RouterInterface", "gateway", "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4"),
        top("openstack:networking/secGroup:SecGroup", "group", "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"),
        top("openstack:networking/secGroupRule:SecGroupRule", "group-rule-0", "rule-22"),
        top("openstack:blockstorage/volume:Volume", "volume", "0d6f5a4e-3c2b-4a19-8f7e-6d5c4b3a2918"),
      ],
    });
    expect(result.problems.map(formatDiagnostic)).toEqual([
      `${plainList}:30:3: warning: openstack:networking/port:Port port is not imported: Heat has no physical id for port (status CREATE_FAILED); \`pulumi up\` will create it`,
      `${plainList}:65:3: warning: resource config (OS::Heat::SoftwareConfig) is not imported: resource type OS::Heat::SoftwareConfig is not converted by heatshift convert yet (the program has a TODO for it)`,
      `${plainList}:58:3: warning: resource old_volume (OS::Cinder::Volume) of the stack is not in the template: not imported`,
    ]);
  });

  test("a resource list without --template: exit 1, saying what to add", () => {
    const result = run([plainList]);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([`${plainList}:1:1: error: a resource list does not hold the stack's template: give it with --template TEMPLATE (and its -e ENV files)`]);
  });

  test("a template that is not the stack's: the type mismatch is an error at the stack's resource", () => {
    const list = tempFile("list.json", JSON.stringify([{ resource_name: "flasky_port", physical_resource_id: "x", resource_type: "OS::Nova::Server", resource_status: "CREATE_COMPLETE" }]));
    const result = run([list, "--template", heat2d]);
    expect(result.status).toBe(1);
    expect(result.stderr.filter((l) => l.includes(": error: "))).toEqual([
      `${list}:1:2: error: resource flasky_port is OS::Neutron::Port in the template but OS::Nova::Server in the stack: give the stack's own template (--template)`,
    ]);
  });
});

describe("bad input: a clear message with the position, exit 1, no stack trace", () => {
  test.each([
    ["not JSON", "{\n  \"name\": \"s\",\n}\n", "3:1: error: not JSON: Expected double-quoted property name; expected the output of `openstack stack abandon` or `openstack stack resource list -f json`"],
    ["cut short", "{\n  \"name\": ", "2:11: error: not JSON: Unexpected end of JSON input; expected the output of `openstack stack abandon` or `openstack stack resource list -f json`"],
    ["a number", "42\n", "1:1: error: expected a JSON object (`openstack stack abandon`) or array (`openstack stack resource list -f json`), got a number (42)"],
    ["an object of another kind", "{\"stacks\": []}\n", "1:1: error: not an `openstack stack abandon` document: missing name, id, template, resources (it has stacks)"],
    ["resources not a map", "{\"name\": \"s\", \"id\": \"i\", \"template\": {}, \"resources\": [1]}\n", "1:42: error: resources: expected an object (resource name → {resource_id, type, action, status, ...}), got an array"],
    ["a resource without type", "{\"name\": \"s\", \"id\": \"i\", \"template\": {}, \"resources\": {\"a\": {\"resource_id\": \"x\"}}}\n", "1:56: error: resources.a.type: expected a string, got nothing (the key is missing)"],
    ["a list row of another kind", "[{\"ID\": \"x\"}]\n", "1:2: error: not a row of `openstack stack resource list -f json`: missing resource_name, physical_resource_id, resource_type"],
  ])("%s", (_, text, expected) => {
    const file = tempFile("stack.json", text);
    const result = run([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([`${file}:${expected}`]);
  });

  test("an error in the abandon document's template is located inside the document", () => {
    const document = JSON.parse(fs.readFileSync(abandon, "utf8"));
    document.template.resources.flasky_port.properties.network = { get_resource: "no_such_network" };
    const file = tempFile("abandon.json", JSON.stringify(document, null, 2));
    const result = run([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: error: .*no_such_network`));
    const [line] = result.stderr[0].slice(file.length + 1).split(":").map(Number);
    expect(JSON.stringify(document, null, 2).split("\n")[line - 1]).toContain("no_such_network");
  });

  test("a missing file", () => {
    const result = run(["/nonexistent/stack.json"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual(["/nonexistent/stack.json: error: cannot read the Heat stack document: ENOENT: no such file or directory, open '/nonexistent/stack.json'"]);
  });

  test("an --id no resource needs: exit 1 naming the entries", () => {
    const result = run([plainList, "--template", plainTemplate, "--id", "nosuch=1"]);
    expect(result.status).toBe(1);
    expect(result.stderr.filter((l) => l.includes(": error: "))).toEqual([
      `${plainList}:1:1: error: --id nosuch: no resource of the document needs an ID under that name (names: net, subnet, router, router_port, gateway, group, volume, and those reported as needing --id)`,
    ]);
  });
});

test("an --id for a resource the provider cannot import does not make it importable: exit 1", () => {
  const result = run([abandon, "--id", "wait_handle=x"]);
  expect(result.status).toBe(1);
  expect(result.stderr.filter((l) => l.includes(": error: "))).toHaveLength(1);
  expect(result.stderr.filter((l) => l.includes(": error: "))[0]).toMatch(new RegExp(`^${abandon}:1:1: error: --id wait_handle: no resource of the document needs an ID under that name \\(names: web_server_security_group-secgroup, `));
});

describe("usage errors: exit 2 with the usage", () => {
  test.each([
    [[], "missing HEAT_JSON"],
    [[abandon, "--out"], "--out needs a value"],
    [[abandon, "--id", "novalue"], "--id novalue: expected NAME=ID, e.g. --id private_network-router-interface=PORT_ID"],
    [[abandon, "-e", "env.yaml"], "-e needs --template: an abandon document holds its own environment"],
    [[abandon, "--frobnicate"], "unknown option --frobnicate"],
    [[abandon, plainList], `one HEAT_JSON only (got ${abandon} and ${plainList})`],
  ])("%j", (args, message) => {
    const result = run(args as string[]);
    expect(result.status).toBe(2);
    expect(result.stderr[0]).toBe(`heatshift adopt: ${message}`);
    expect(result.stderr[1]).toMatch(/^usage: heatshift adopt HEAT_JSON/);
  });
});
