// Runs the real Pulumi engine built by scripts/engine/build.sh (through the scripts/pulumi wrapper)
// on test/e2e/engine-project: a stack that needs no cloud. Proves the life cycle (stack init,
// config set incl. --secret, up, stack output, a second up without changes, destroy), a
// WaitCondition answered by this test playing the instance with the real curl, and that the
// backend holds secrets only encrypted.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { repoRoot } from "./support/openstack";
import { PulumiStack, RunResult } from "./support/pulumi";
import { TestReceiver } from "./support/receiver";

const engineProject = path.join(__dirname, "engine-project");

/** Long enough for a TypeScript program to be type checked and deployed on a 2-core machine. */
const stepTimeoutMs = 240_000;
/** Resources of the test stack: the stack, the token, the handle and the wait (component + dynamic each), the instance. */
const stackResourceCount = 7;

let stack: PulumiStack;
let instanceDir: string;
let receiver: TestReceiver;

/** `scripts/pulumi ARGS` in the test project; a non-zero exit fails the test with the engine's output. */
function pulumi(args: readonly string[], input?: string) {
  return stack.ok(args, input);
}

/**
 * Plays the instance: waits until the "server" hands over its user_data (a 0600 file, see
 * LocalInstance in the project), then runs it with sh, as cloud-init would; it calls the real curl.
 */
async function bootInstance(deadline: number, up: Promise<RunResult>): Promise<string> {
  const userData = path.join(instanceDir, "user-data");
  let ended: RunResult | undefined;
  void up.then((result) => (ended = result));
  while (!fs.existsSync(userData)) {
    if (ended !== undefined) throw new Error(`up ended (exit ${ended.status}) before the LocalInstance was created:\n${ended.stdout}\n${ended.stderr}`);
    if (Date.now() > deadline) throw new Error(`no user-data appeared in ${instanceDir}: the LocalInstance was not created`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { stdout } = await promisify(execFile)("sh", [userData], { timeout: 20_000 });
  return stdout;
}

/** Every file below `dir`, read as text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, file), fs.readFileSync(file, "utf8"));
    }
  }
  return files;
}

/** The files whose text contains `needle`. */
function filesContaining(files: Map<string, string>, needle: string): string[] {
  return [...files].filter(([, text]) => text.includes(needle)).map(([name]) => name);
}

beforeAll(async () => {
  // The wrapper's documented defaults are under test: passphrase, no downloads, no update check.
  stack = new PulumiStack(engineProject, "engine-test", { cloud: false, wrapperDefaults: true });
  instanceDir = path.join(stack.workDir, "instance");
  fs.mkdirSync(instanceDir);
  receiver = await TestReceiver.start();
});

afterAll(async () => {
  // Leave no stack behind, even when a step failed half way.
  await stack?.remove();
  await receiver?.close();
});

describe("the Pulumi engine built from Go modules", () => {
  const greeting = "hello from heatshift";
  const databasePassword = `pw-${Date.now().toString(36)}-do-not-leak`;

  test("version: the CLI reports the version pinned in versions.env", async () => {
    const versions = fs.readFileSync(path.join(repoRoot, "scripts", "engine", "versions.env"), "utf8");
    const pinned = /^PULUMI_CLI_VERSION=(\S+)$/m.exec(versions)?.[1];
    expect((await pulumi(["version"])).stdout.trim()).toEqual(pinned);
  });

  test(
    "stack life cycle: init, config, up with a signalled WaitCondition, output, up without changes, destroy",
    async () => {
      await pulumi(["stack", "init", stack.stackName]);
      await pulumi(["config", "set", "greeting", greeting]);
      await pulumi(["config", "set", "--secret", "databasePassword"], databasePassword);
      await pulumi(["config", "set", "instanceDir", instanceDir]);
      await pulumi(["config", "set", "heatshift:signalReceiverUrl", receiver.url]);
      await pulumi(["config", "set", "--secret", "heatshift:signalAdminToken"], receiver.adminToken);

      const stackConfig = fs.readFileSync(path.join(engineProject, `Pulumi.${stack.stackName}.yaml`), "utf8");
      // Passphrase secrets (the file backend's default) with the wrapper's default passphrase.
      expect(stackConfig).toMatch(/^encryptionsalt: v1:/m);
      expect(stackConfig).toContain("secure:");
      expect(stackConfig).not.toContain(databasePassword);
      expect(stackConfig).not.toContain(receiver.adminToken);

      // `up` blocks in the WaitCondition until the instance signals; boot it meanwhile.
      const up = stack.run(["up", "--yes", "--skip-preview"], "", stepTimeoutMs);
      const curlOutput = await bootInstance(Date.now() + stepTimeoutMs, up);
      expect(curlOutput).toMatch(/^HTTP\/1\.1 200 /);
      const first = await up;
      if (first.status !== 0) throw new Error(`up failed (exit ${first.status})\n${first.stdout}\n${first.stderr}`);
      expect(first.stdout).toContain(`+ ${stackResourceCount} created`);

      const shown = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
      expect(shown).toEqual({
        greeting,
        databasePassword: "[secret]",
        tokenValue: "[secret]",
        tokenLength: "[secret]",
        waitData: '{"1": "ready"}',
      });
      const revealed = JSON.parse((await pulumi(["stack", "output", "--json", "--show-secrets"])).stdout);
      expect(revealed.databasePassword).toEqual(databasePassword);
      expect(revealed.tokenValue).toMatch(/^[0-9a-f]{32}$/);
      expect(revealed.tokenLength).toEqual(32);

      // The backend holds the state, its backups and history: no secret in plaintext anywhere,
      // while plain values are there (so the scan does find plaintext when it is present).
      const handleToken = /X-Auth-Token: ([^']+)'/.exec(fs.readFileSync(path.join(instanceDir, "user-data"), "utf8"))?.[1];
      expect(handleToken).toMatch(/^\S{22,}$/);
      const secrets = { databasePassword, tokenValue: revealed.tokenValue, adminToken: receiver.adminToken, handleToken: handleToken as string };
      const noPlaintext = Object.fromEntries(Object.keys(secrets).map((name) => [name, []]));
      const backend = readTree(stack.backendDir);
      expect(filesContaining(backend, '"4dabf18193072939515e22adb298388d"').length).toBeGreaterThan(0);
      expect(filesContaining(backend, greeting).length).toBeGreaterThan(0);
      expect(Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, filesContaining(backend, value)]))).toEqual(noPlaintext);

      // A second update with the same program and config changes nothing (the CLI fails otherwise).
      const second = await pulumi(["up", "--yes", "--expect-no-changes"]);
      expect(second.stdout).toContain(`${stackResourceCount} unchanged`);
      const afterSecond = JSON.parse((await pulumi(["stack", "output", "--json", "--show-secrets"])).stdout);
      expect(afterSecond.tokenValue).toEqual(revealed.tokenValue);

      const destroyed = await pulumi(["destroy", "--yes", "--skip-preview"]);
      expect(destroyed.stdout).toContain(`- ${stackResourceCount} deleted`);
      expect(fs.existsSync(path.join(instanceDir, "user-data"))).toBe(false);
      const afterDestroy = readTree(stack.backendDir);
      expect(Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, filesContaining(afterDestroy, value)]))).toEqual(noPlaintext);
    },
    10 * stepTimeoutMs,
  );
});
