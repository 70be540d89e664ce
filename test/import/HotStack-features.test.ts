import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { cloud, MockCloud, secretValue, valueOf } from "../components/mockCloud";
import { HotStack } from "../../src/import/HotStack";
import { stackIdFor } from "../../src/import/load";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): { registerResource(req: OptionsRequest, callback: unknown): Promise<void> };
};
interface OptionsRequest {
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getImportid(): string;
}

const fixtures = path.join(__dirname, "..", "fixtures", "import");

/** Resource options as the engine receives them, by resource name. */
const options = new Map<string, { protect: boolean; retainOnDelete: boolean; importId: string }>();

describe("HotStack", () => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      options.set(req.getName(), { protect: req.getProtect(), retainOnDelete: req.getRetainondelete(), importId: req.getImportid() });
      return register(req, callback);
    };
  });
  beforeEach(() => {
    mock.registrations.length = 0;
    options.clear();
  });

  test("ResourceGroup members, Retain, adoption, per-resource options, configs rendered, Value typed, hidden parameters secret", async () => {
    const stack = new HotStack("s", {
      template: path.join(fixtures, "features.yaml"),
      parameters: "db_password=pw;existing_volume=vol-0001",
      configNamespace: false,
      resourceOptions: { data: { protect: true } },
    });
    const [keyNames, secondKey, answer] = await Promise.all([
      valueOf(stack.getOutput("key_names")),
      valueOf(stack.getOutput("second_key")),
      valueOf(stack.getOutput("answer")),
    ]);
    const userData = stack.getOutput("user_data");
    expect([keyNames, secondKey, answer, await pulumi.isSecret(userData)]).toEqual([["key-0", "key-1"], "key-1", 42, true]);
    expect(await valueOf(userData)).toMatch(
      /^Content-Type: multipart\/mixed; boundary="(=+\d+==)"\nMIME-Version: 1\.0\n\n--\1\nContent-Type: text\/plain; charset="us-ascii"\nMIME-Version: 1\.0\nContent-Transfer-Encoding: 7bit\n\n#cloud-config\npackages:\n- nginx\npassword: pw\n\n--\1\n/,
    );
    await mock.settle();
    const cloud = mock.registrations.filter((r) => !r.type.startsWith("heatshift:"));
    expect(cloud.map((r) => [r.type, r.name, r.parent, r.inputs])).toEqual([
      ["openstack:compute/keypair:Keypair", "s-keys-0", "heatshift:hot:HotStack::s", { name: "key-0" }],
      ["openstack:compute/keypair:Keypair", "s-keys-1", "heatshift:hot:HotStack::s", { name: "key-1" }],
      ["openstack:blockstorage/volume:Volume", "s-data", "heatshift:hot:HotStack::s", { size: 10, metadata: {} }],
      ["openstack:blockstorage/volume:Volume", "s-old_data", "heatshift:hot:HotStack::s", { size: 1, metadata: {} }],
    ]);
    expect([options.get("s-data"), options.get("s-old_data"), options.get("s-keys-0")]).toEqual([
      { protect: true, retainOnDelete: true, importId: "" },
      { protect: false, retainOnDelete: false, importId: "vol-0001" },
      { protect: false, retainOnDelete: false, importId: "" },
    ]);
    expect(stack.resourceNames).toEqual(["keys", "data", "old_data", "config", "boot", "answer"]);
  });

  test("a resource whose condition is false is not created", async () => {
    const stack = new HotStack("s", { template: path.join(fixtures, "features.yaml"), parameters: { db_password: "pw" }, configNamespace: false });
    await valueOf(stack.getOutput("answer"));
    await mock.settle();
    expect(stack.resourceNames).toEqual(["keys", "data", "config", "boot", "answer"]);
    expect(() => stack.getResource("old_data")).toThrow('HotStack s: no resource "old_data" (resources: keys, data, config, boot, answer)');
  });

  test("a template resource is a nested HotStack: properties in, outputs out, its resources its children", async () => {
    const stack = new HotStack("p", { template: path.join(fixtures, "nested", "parent.yaml"), configNamespace: false });
    expect(await valueOf(stack.getOutput("volume_id"))).toBe("p-tier-disk-id");
    expect(await valueOf(stack.getOutput("tier_id"))).toBe("p-tier");
    await mock.settle();
    // Registrations reach the engine in an order that depends on timing: compare them sorted by name.
    // The network's ID is a parameter value in the nested template: looked up by name or ID, as Heat
    // does (the mock's getNetwork answers with its one network).
    expect(mock.registrations.map((r) => [r.type, r.name, r.parent, r.inputs]).sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1))).toEqual([
      ["heatshift:hot:HotStack", "p", "", {}],
      ["openstack:networking/network:Network", "p-net", "heatshift:hot:HotStack::p", { adminStateUp: true, shared: false }],
      ["heatshift:hot:HotStack", "p-tier", "heatshift:hot:HotStack::p", {}],
      ["openstack:blockstorage/volume:Volume", "p-tier-disk", "heatshift:hot:HotStack::p-tier", { size: 3, metadata: {} }],
      ["openstack:networking/port:Port", "p-tier-port", "heatshift:hot:HotStack::p-tier", { networkId: cloud.publicNetwork.id, adminStateUp: true }],
    ]);
  });

  test("a template with errors throws them all at construction, at their positions", () => {
    expect(() => new HotStack("bad", { template: path.join(fixtures, "cycle.yaml"), configNamespace: false })).toThrow(
      `HotStack bad: the template ${path.join(fixtures, "cycle.yaml")} cannot be imported:\n${path.join(fixtures, "cycle.yaml")}:5:17: error: circular dependency (a → c → b → a)`,
    );
  });

  test("hidden parameters are secrets wherever they flow, and OS::stack_id is stable per stack name", async () => {
    const stack = new HotStack("h", { template: path.join(fixtures, "aliased.yaml"), environmentFiles: [path.join(fixtures, "env.yaml")], configNamespace: false, stackName: "prod" });
    await valueOf(stack.getOutput("value"));
    await mock.settle();
    const keypair = mock.registrations.find((r) => r.type === "openstack:compute/keypair:Keypair")!;
    expect(keypair.inputs).toEqual({ name: secretValue("s3cret") });
    expect(stackIdFor("prod")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stackIdFor("prod")).toBe(stackIdFor("prod"));
  });
  test("a list default stays a list under jest (Subnet dns_nameservers: [] is sent as [], not {})", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-import-"));
    const template = path.join(dir, "subnet.yaml");
    fs.writeFileSync(template, "heat_template_version: 2015-04-30\nresources:\n  sub:\n    type: OS::Neutron::Subnet\n    properties: {network: net-1, cidr: 10.0.0.0/24}\n");
    try {
      const stack = new HotStack("d", { template, configNamespace: false });
      await valueOf(stack.getResource("sub").referenceId);
      await mock.settle();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const subnet = mock.registrations.find((r) => r.type === "openstack:networking/subnet:Subnet")!;
    expect([subnet.name, (subnet.inputs as Record<string, unknown>).dnsNameservers]).toEqual(["d-sub", []]);
  });
});
