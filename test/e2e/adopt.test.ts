// Adopting a live Heat stack on the loopback OpenStack: heat_2d is created by Heat itself (the
// instance played with Heat's own curl_cli), then abandoned (`openstack stack abandon`: Heat
// forgets the stack, its resources stay). The abandon JSON goes through `heatshift adopt` (and,
// taken before the abandon, the resource list with the template gives the same document), heat_2d
// through `heatshift convert`, and the real engine's `pulumi import --file DOC --preview-only` must
// accept the document: every resource an import, nothing created or replaced. The IDs Heat does not
// keep (the router interface's port, the security group's rules) are looked up with the commands
// adopt's warnings print and given with --id. Then the real import and a preview of the converted
// program over it. An import file carries no dependencies, so until the program's first `pulumi up`
// the state has none and a `pulumi destroy` would delete in parallel (Neutron refuses a subnet or a
// group a port still uses: docs/adopt.md); the test deletes the resources with the CLI in order.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { adoptCommand } from "../../src/cli/adopt";
import { CommandIo } from "../../src/cli/templateArgs";
import { convertCommand } from "../../src/cli/convert";
import { reportTime } from "./support/deployment";
import { createHeatStack, deleteAbandonedFlasky, heat2dTemplate, templateForHeat } from "./support/heat";
import { Inventory, inventory, openstack, openstackJson, repoRoot, requireCloudUp, settle } from "./support/openstack";
import { PulumiStack } from "./support/pulumi";
import { TestReceiver } from "./support/receiver";

const image = "cirros-0.3.3-x86_64";
const gmailUsername = "heatshift-e2e";
const gmailPassword = `pw-${Date.now().toString(36)}-adopt`;
const heatStackName = `adopt-${process.pid}`;

let workDir: string;
let receiver: TestReceiver;
let stack: PulumiStack | undefined;
let before: Inventory;
/** Heat still has the stack (created, not yet abandoned): the clean-up deletes it. */
let heatCreated = false;
/** What Heat created, by HOT name: once abandoned, the clean-up deletes it itself. */
let abandonedResources: Record<string, string> | undefined;


beforeAll(async () => {
  requireCloudUp();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-adopt-e2e-"));
  receiver = await TestReceiver.start();
  before = await inventory();
}, 300_000);

afterAll(async () => {
  // The stack only took the resources into its state: drop it without destroying.
  if (stack !== undefined) await stack.run(["stack", "rm", "--yes", "--force", stack.stackName]);
  await stack?.remove();
  if (heatCreated) await openstack("stack", "delete", "--yes", "--wait", heatStackName).catch(() => undefined);
  if (abandonedResources !== undefined) await deleteAbandonedFlasky(abandonedResources);
  await receiver?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
}, 600_000);

/** Runs a heatshift command in-process; its exit code and what it printed. */
function run(command: (args: readonly string[], io: CommandIo) => number, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = command(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** The project's packages as the repository has them (the converted program imports `heatshift/components`). */
function linkPackages(project: string): void {
  const modules = path.join(project, "node_modules");
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  fs.symlinkSync(repoRoot, path.join(modules, "heatshift"));
  for (const name of ["pulumi", "openstack"]) fs.symlinkSync(fs.realpathSync(path.join(repoRoot, "node_modules", "@pulumi", name)), path.join(modules, "@pulumi", name));
}

/** The steps of `pulumi import --preview-only --json` or `pulumi preview --json`: `<op> <type chain>::<name>` (the URN after the project), sorted. */
function previewSteps(stdout: string): string[] {
  const steps = (JSON.parse(stdout) as { steps?: Array<{ op: string; urn: string }> }).steps ?? [];
  return steps.map((step) => `${step.op} ${step.urn.split("::").slice(2).join("::")}`).sort();
}

/** The steps of `pulumi preview --json` other than same: `<op> <type chain>::<name> [<replace reasons>]`, sorted. */
function changedSteps(stdout: string): string[] {
  const steps = (JSON.parse(stdout) as { steps?: Array<{ op: string; urn: string; replaceReasons?: string[]; diffReasons?: string[] }> }).steps ?? [];
  const changed = steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn} diff ${JSON.stringify(s.diffReasons ?? [])} replace ${JSON.stringify(s.replaceReasons ?? [])}`);
  process.stdout.write(`adopt: preview after the import, steps other than same:\n${changed.join("\n")}\n`);
  return steps
    .filter((step) => step.op !== "same")
    // Pulumi lists a step's replace reasons in no fixed order.
    .map((step) => `${step.op} ${step.urn.split("::").slice(2).join("::")}${step.op === "create" ? "" : ` [${[...(step.replaceReasons ?? [])].sort().join(",")}]`}`)
    .sort();
}

describe("heatshift adopt: heat_2d created by Heat, taken over by pulumi import", () => {
  test("the adopt document of the abandoned stack is accepted by pulumi import --preview-only: every resource an import", async () => {
    heatCreated = true;
    const heat = await createHeatStack(heatStackName, templateForHeat(workDir), { image, gmail_username: gmailUsername, gmail_password: gmailPassword }, before);
    expect(heat.signalStatus).toBe(200);
    reportTime("Heat stack create --wait", heat.seconds);

    const resourceList = path.join(workDir, "resources.json");
    fs.writeFileSync(resourceList, await openstack("stack", "resource", "list", heatStackName, "-f", "json"));
    const physical = Object.fromEntries(
      JSON.parse(fs.readFileSync(resourceList, "utf8")).map((r: { resource_name: string; physical_resource_id: string }) => [r.resource_name, r.physical_resource_id]),
    ) as Record<string, string>;
    // Heat lets go of the stack; its resources stay in the cloud.
    const abandoned = path.join(workDir, "abandon.json");
    fs.writeFileSync(abandoned, await openstack("stack", "abandon", heatStackName));
    abandonedResources = physical;
    const listed = async () => (await openstack("stack", "list", "-f", "value", "-c", "Stack Name")).split("\n").includes(heatStackName);
    expect(await settle(false, 120, listed)).toBe(false);
    heatCreated = false;

    // Without --id: the document holds what Heat's IDs give; the warnings say how to find the rest.
    const started = Date.now();
    const first = run(adoptCommand, [abandoned, "--out", path.join(workDir, "partial.json")]);
    reportTime("heatshift adopt", (Date.now() - started) / 1000);
    expect(first.status).toBe(0);
    const portLookup = /`(openstack port list --router \S+ --fixed-ip subnet=\S+ -f value -c ID)`/.exec(first.stderr);
    expect(portLookup?.[1]).toEqual(`openstack port list --router ${physical.router} --fixed-ip subnet=${physical.private_subnet} -f value -c ID`);
    expect(first.stderr).toContain(`openstack security group rule list ${physical.web_server_security_group} -f json`);

    // The lookups the warnings name.
    const interfacePort = (await openstack(...portLookup![1].split(" ").slice(1))).trim();
    expect(interfacePort).toMatch(/^[0-9a-f-]{36}$/);
    const rules = await openstackJson<Array<{ ID: string; "IP Protocol": string | null; "Port Range": string; Direction: string; Ethertype: string }>>(
      "security", "group", "rule", "list", physical.web_server_security_group, "--long",
    );
    const templateRules = [["icmp", ""], ["tcp", "22:22"], ["tcp", "443:443"], ["tcp", "80:80"]];
    const ruleIds = templateRules.map(([protocol, ports]) => {
      const found = rules.filter((r) => r.Direction === "ingress" && r.Ethertype === "IPv4" && r["IP Protocol"] === protocol && (ports === "" || r["Port Range"] === ports));
      expect(found).toHaveLength(1);
      return found[0].ID;
    });
    const ids = [`private_network-router-interface=${interfacePort}`, ...ruleIds.map((id, i) => `web_server_security_group-rule-${i}=${id}`)].flatMap((id) => ["--id", id]);
    const documentFile = path.join(workDir, "import.json");
    const second = run(adoptCommand, [abandoned, ...ids, "--out", documentFile]);
    expect(second.status).toBe(0);
    const fromList = path.join(workDir, "import-from-resource-list.json");
    expect(run(adoptCommand, [resourceList, "--template", heat2dTemplate, ...ids, "--out", fromList]).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(fromList, "utf8"))).toEqual(JSON.parse(fs.readFileSync(documentFile, "utf8")));
    const version = "4.0.0";
    const child = (type: string, name: string, id: string, parent: string) => ({ type, name, id, parent, version });
    expect(JSON.parse(fs.readFileSync(documentFile, "utf8"))).toEqual({
      resources: [
        { type: "heatshift:openstack:WebSecurityGroup", name: "web_server_security_group", component: true },
        child("openstack:networking/secGroup:SecGroup", "web_server_security_group-secgroup", physical.web_server_security_group, "web_server_security_group"),
        ...ruleIds.map((id, i) => child("openstack:networking/secGroupRule:SecGroupRule", `web_server_security_group-rule-${i}`, id, "web_server_security_group")),
        { type: "heatshift:openstack:PrivateNetwork", name: "private_network", component: true },
        child("openstack:networking/network:Network", "private_network-net", physical.private_network, "private_network"),
        child("openstack:networking/subnet:Subnet", "private_network-subnet", physical.private_subnet, "private_network"),
        child("openstack:networking/router:Router", "private_network-router", physical.router, "private_network"),
        child("openstack:networking/routerInterface:RouterInterface", "private_network-router-interface", interfacePort, "private_network"),
        { type: "openstack:networking/port:Port", name: "flasky_port", id: physical.flasky_port, version },
        { type: "heatshift:openstack:FlaskyServer", name: "flasky_instance", component: true },
        { ...child("openstack:compute/instance:Instance", "flasky_instance_2", physical.flasky_instance, "flasky_instance"), logicalName: "flasky_instance" },
        { type: "heatshift:openstack:FloatingIp", name: "floating_ip", component: true },
        child("openstack:networking/floatingIp:FloatingIp", "floating_ip-fip", physical.floating_ip, "floating_ip"),
        child("openstack:networking/floatingIpAssociate:FloatingIpAssociate", "floating_ip-assoc", physical.floating_ip, "floating_ip"),
      ],
    });

    // The converted program's project, with its stack config.
    const project = path.join(workDir, "heat_2d");
    expect(run(convertCommand, [heat2dTemplate, "--out", project]).status).toBe(0);
    linkPackages(project);
    const projectName = /^name: (\S+)$/m.exec(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8"))![1];
    stack = new PulumiStack(project, `adopt-${process.pid}`);
    await stack.init({ image, gmail_username: gmailUsername, ...receiver.config }, { gmail_password: gmailPassword, ...receiver.secretConfig });

    const preview = await stack.run(["import", "--file", documentFile, "--preview-only", "--json", "--protect=false", "--generate-code=false", "--stack", stack.stackName]);
    reportTime("pulumi import --preview-only", preview.seconds);
    if (preview.status !== 0) throw new Error(`pulumi import --preview-only failed (exit ${preview.status})\n${preview.stdout}\n${preview.stderr}`);
    process.stdout.write(`adopt import preview steps:\n${previewSteps(preview.stdout).join("\n")}\n`);
    // Every entry is an import under the URN the converted program gives it (type chain of its component, name).
    const components = { private_network: "PrivateNetwork", web_server_security_group: "WebSecurityGroup", floating_ip: "FloatingIp", flasky_instance: "FlaskyServer" } as Record<string, string>;
    const expected = (JSON.parse(fs.readFileSync(documentFile, "utf8")).resources as Array<{ type: string; name: string; logicalName?: string; parent?: string }>).map((r) => {
      const chain = r.parent === undefined ? r.type : `heatshift:openstack:${components[r.parent]}$${r.type}`;
      return `import ${chain}::${r.logicalName ?? r.name}`;
    });
    const steps = previewSteps(preview.stdout);
    expect(steps.filter((s) => s.startsWith("create pulumi:"))).toEqual([`create pulumi:pulumi:Stack::${projectName}-${stack.stackName}`]);
    expect(steps.filter((s) => !s.startsWith("create pulumi:"))).toEqual(expected.sort());

    // The real import, then a preview of the converted program over that state.
    const importRun = await stack.run(["import", "--file", documentFile, "--yes", "--skip-preview", "--protect=false", "--generate-code=false", "--stack", stack.stackName]);
    reportTime("pulumi import", importRun.seconds);
    if (importRun.status !== 0) throw new Error(`pulumi import failed (exit ${importRun.status})\n${importRun.stdout}\n${importRun.stderr}`);
    const programPreview = await stack.run(["preview", "--json", "--stack", stack.stackName]);
    reportTime("pulumi preview of the converted program after the import", programPreview.seconds);
    if (programPreview.status !== 0) throw new Error(`pulumi preview failed (exit ${programPreview.status})\n${programPreview.stdout}\n${programPreview.stderr}`);
    const dynamic = [
      "create heatshift:heat:RandomString$pulumi-nodejs:dynamic/heatshift:RandomString::flask_secret_key",
      "create heatshift:heat:RandomString::flask_secret_key",
      "create heatshift:openstack:WaitCondition$pulumi-nodejs:dynamic/heatshift:SignalWait::wait_condition-wait",
      "create heatshift:openstack:WaitCondition::wait_condition",
      "create heatshift:openstack:WaitConditionHandle$pulumi-nodejs:dynamic/heatshift:SignalHandle::wait_handle-handle",
      "create heatshift:openstack:WaitConditionHandle::wait_handle",
    ];
    const instance = "heatshift:openstack:FlaskyServer$openstack:compute/instance:Instance::flasky_instance";
    // The security groups of a port are not read back by the provider either: setting them again is an update in place.
    const port = "update openstack:networking/port:Port::flasky_port";
    expect(changedSteps(programPreview.stdout)).toEqual([...dynamic, `replace ${instance} [networks,userData]`, `${port} []`].sort());

    // With the option adopt's warning gives the server (docs/adopt.md), nothing is replaced.
    const index = path.join(project, "index.ts");
    const program = fs.readFileSync(index, "utf8");
    const statement = program.indexOf('const flaskyInstance = new FlaskyServer("flasky_instance", {');
    const end = program.indexOf("\n});", statement);
    expect([statement, end].every((i) => i > 0)).toBe(true);
    const option = '{ transformations: [(a) => a.type === "openstack:compute/instance:Instance" ? { props: a.props, opts: pulumi.mergeOptions(a.opts, { ignoreChanges: ["userData", "networks"] }) } : undefined] }';
    fs.writeFileSync(index, `${program.slice(0, end)}\n}, ${option});${program.slice(end + "\n});".length)}`);
    const ignoring = await stack.run(["preview", "--json", "--stack", stack.stackName]);
    if (ignoring.status !== 0) throw new Error(`pulumi preview failed (exit ${ignoring.status})\n${ignoring.stdout}\n${ignoring.stderr}`);
    expect(changedSteps(ignoring.stdout)).toEqual([...dynamic, `${port} []`].sort());

    await deleteAbandonedFlasky(physical);
    abandonedResources = undefined;
    expect(await settle(before, 60, inventory)).toEqual(before);
  }, 1_700_000);
});
