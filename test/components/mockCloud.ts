/**
 * A pretend OpenStack for component tests: `pulumi.runtime.setMocks` plus a record of every
 * registration as the engine would see it (type, name, parent, dependencies, inputs with secrets
 * still marked), and of every provider function call.
 */
import * as pulumi from "@pulumi/pulumi";
// Internal SDK helpers: the mocks' registration request is the only place parent and dependencies are visible.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as { deserializeProperties(struct: unknown): Record<string, unknown> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MonitorLike; waitForRPCs(): Promise<void> };

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getImportid(): string;
  getObject(): unknown;
}
interface MonitorLike {
  registerResource(req: RegisterRequest, callback: unknown): Promise<void>;
}

/** One resource registration: `parent` and `dependencies` are `type::name` of the resources meant. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly parent: string;
  readonly dependencies: string[];
  readonly inputs: Record<string, unknown>;
  /** Outputs the engine must store as secrets; left out when there are none. */
  readonly additionalSecretOutputs?: string[];
  /** The ID of the existing resource taken over (the `import` option); left out when none. */
  readonly importId?: string;
}

/** A provider function call. */
export interface Invocation {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

/** How a secret input looks to the engine: wrapped with Pulumi's secret signature. */
export function secretValue(value: unknown): Record<string, unknown> {
  return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}

/** The places in `value` where `needle` occurs outside a secret, as paths like `userData` or `networks.0.name`. */
export function plaintextOccurrences(value: unknown, needle: string, at = ""): string[] {
  if (typeof value === "string") return value.includes(needle) ? [at] : [];
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return [];
  return Object.entries(record).flatMap(([k, v]) => plaintextOccurrences(v, needle, at === "" ? k : `${at}.${k}`));
}

/** `urn:pulumi:stack::project::a$b$type::name` → `type::name`. */
function shortUrn(urn: string): string {
  if (urn === "") return "";
  const [, , qualifiedType, name] = urn.split("::");
  return `${qualifiedType.split("$").pop()}::${name}`;
}

/** The values the pretend cloud computes, chosen to be recognisable in assertions. */
export const cloud = {
  publicNetwork: { id: "5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70", name: "public-net" },
  floatingAddress: "203.0.113.17",
  fixedAddress: "10.10.10.5",
  secretKey: "AbCdEfGhIjKlMnOpQrStUvWxYz012345",
  autoNameSuffix: "-8f3a2c1",
  /** What the signal receiver hands out for a wait condition handle (heat_2d's golden uses the same curl command). */
  handle: {
    endpoint: "http://127.0.0.1:8004/v1/p/stacks/flasky/42/resources/wait_handle/signal",
    token: "tok3n",
    curlCli:
      "curl -i -X POST -H 'X-Auth-Token: tok3n' -H 'Content-Type: application/json' " +
      "-H 'Accept: application/json' http://127.0.0.1:8004/v1/p/stacks/flasky/42/resources/wait_handle/signal",
  },
};

export class MockCloud implements pulumi.runtime.Mocks {
  readonly registrations: Registration[] = [];
  readonly invocations: Invocation[] = [];

  /** Installs the mocks and starts recording; call before creating resources. */
  static async install(project = "heatshift"): Promise<MockCloud> {
    const mockCloud = new MockCloud();
    await pulumi.runtime.setMocks(mockCloud, project, "test");
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      mockCloud.registrations.push({
        type: req.getType(),
        name: req.getName(),
        parent: shortUrn(req.getParent()),
        dependencies: req.getDependenciesList().map(shortUrn).sort(),
        inputs: rpc.deserializeProperties(req.getObject()),
        ...(req.getAdditionalsecretoutputsList().length > 0
          ? { additionalSecretOutputs: req.getAdditionalsecretoutputsList() }
          : {}),
        ...(req.getImportid() === "" ? {} : { importId: req.getImportid() }),
      });
      return register(req, callback);
    };
    return mockCloud;
  }

  /** Waits until every registration and call in flight has reached the mocks. */
  async settle(): Promise<void> {
    await settings.waitForRPCs();
  }

  /** The registrations of children of `parent` (`type::name`), in creation order. */
  childrenOf(parent: string): Registration[] {
    return this.registrations.filter((r) => r.parent === parent);
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const inputs = args.inputs as Record<string, unknown>;
    const state: Record<string, unknown> = { ...inputs };
    switch (args.type) {
      case "openstack:compute/instance:Instance":
        // The provider auto-names an instance without a name: `<resource name>-<7 random hex>`.
        state.name = inputs.name ?? `${args.name}${cloud.autoNameSuffix}`;
        state.networks = ((inputs.networks as Record<string, unknown>[]) ?? []).map((nic) => ({
          ...nic,
          name: nic.name ?? "private",
          fixedIpV4: cloud.fixedAddress,
        }));
        break;
      case "openstack:networking/network:Network":
        // Auto-named as an instance (the provider's SetAutonaming applies to every `name`).
        state.name = inputs.name ?? `${args.name}${cloud.autoNameSuffix}`;
        break;
      case "openstack:networking/floatingIp:FloatingIp":
        state.address = cloud.floatingAddress;
        break;
      case "pulumi-nodejs:dynamic/heatshift:RandomString":
        state.value = cloud.secretKey;
        break;
      case "pulumi-nodejs:dynamic/heatshift:SignalHandle":
        Object.assign(state, cloud.handle);
        break;
      case "pulumi-nodejs:dynamic/heatshift:SignalWait":
        Object.assign(state, { data: '{"1": null}', signalCount: 1 });
        break;
    }
    return { id: `${args.name}-id`, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    this.invocations.push({ token: args.token, inputs: args.inputs });
    if (args.token === "openstack:networking/getNetwork:getNetwork") {
      return { ...cloud.publicNetwork };
    }
    throw new Error(`unexpected provider call ${args.token}`);
  }
}

/** The value of an Output, for assertions. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
