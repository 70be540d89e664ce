// Runs the real Pulumi engine built by scripts/engine/build.sh (through the scripts/pulumi wrapper)
// on test/e2e/engine-project: a stack that needs no cloud. Proves the life cycle (stack init,
// config set incl. --secret, up, stack output, a second up without changes, destroy) and that the
// backend holds secrets only encrypted.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const projectRoot = path.resolve(__dirname, "../..");
const pulumiWrapper = path.join(projectRoot, "scripts", "pulumi");
const engineProject = path.join(__dirname, "engine-project");
const stackName = "engine-test";
const engineSetupHint = "the engine is not built: run `npm run setup:engine` (scripts/engine/build.sh) first";

/** Long enough for a TypeScript program to be type checked and deployed on a 2-core machine. */
const stepTimeoutMs = 240_000;

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let workDir: string;
let backendDir: string;
let env: NodeJS.ProcessEnv;

/** Runs `scripts/pulumi ARGS` in the test project; fails the test with the engine's output on a non-zero exit. */
function pulumi(args: readonly string[], input?: string): RunResult {
  const result = spawnSync(pulumiWrapper, ["--non-interactive", ...args], {
    cwd: engineProject,
    env,
    input,
    encoding: "utf8",
    timeout: stepTimeoutMs,
  });
  const run = { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  if (result.error || run.status !== 0) {
    throw new Error(
      `scripts/pulumi ${args.join(" ")} failed (exit ${run.status}${result.error ? `, ${result.error.message}` : ""})\n` +
        `--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
  return run;
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

/** The files under `dir` whose text contains `needle`. */
function filesContaining(files: Map<string, string>, needle: string): string[] {
  return [...files].filter(([, text]) => text.includes(needle)).map(([name]) => name);
}

beforeAll(() => {
  if (!fs.existsSync(path.join(projectRoot, ".heatshift", "bin", "pulumi"))) {
    throw new Error(engineSetupHint);
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-engine-"));
  backendDir = path.join(workDir, "state");
  env = { ...process.env };
  // The wrapper's documented defaults are under test: passphrase, no downloads, no update check.
  delete env.PULUMI_CONFIG_PASSPHRASE;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  delete env.PULUMI_SKIP_UPDATE_CHECK;
  delete env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
  delete env.PULUMI_ACCESS_TOKEN;
  env.PULUMI_BACKEND_URL = `file://${backendDir}`;
  env.PULUMI_HOME = path.join(workDir, "pulumi-home");
});

afterAll(() => {
  if (!workDir) {
    return;
  }
  // Leave no stack behind, even when a step failed half way (best effort: the state is in workDir).
  spawnSync(pulumiWrapper, ["--non-interactive", "stack", "rm", "--yes", "--force", stackName], {
    cwd: engineProject,
    env,
    encoding: "utf8",
    timeout: stepTimeoutMs,
  });
  fs.rmSync(path.join(engineProject, `Pulumi.${stackName}.yaml`), { force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("the Pulumi engine built from Go modules", () => {
  const greeting = "hello from heatshift";
  const databasePassword = `pw-${Date.now().toString(36)}-do-not-leak`;

  test("version: the CLI reports the version stamped in by build.sh", () => {
    const versions = fs.readFileSync(path.join(projectRoot, "scripts", "engine", "versions.env"), "utf8");
    const pinned = /^PULUMI_CLI_VERSION=(\S+)$/m.exec(versions)?.[1];
    expect(pulumi(["version"]).stdout.trim()).toEqual(pinned);
  });

  test("stack life cycle: init, config, up, output, up without changes, destroy", () => {
    pulumi(["stack", "init", stackName]);
    pulumi(["config", "set", "greeting", greeting]);
    pulumi(["config", "set", "--secret", "databasePassword"], databasePassword);

    const stackConfig = fs.readFileSync(path.join(engineProject, `Pulumi.${stackName}.yaml`), "utf8");
    expect(stackConfig).toContain("secure:");
    expect(stackConfig).not.toContain(databasePassword);

    pulumi(["up", "--yes", "--skip-preview"]);

    const shown = JSON.parse(pulumi(["stack", "output", "--json"]).stdout);
    expect(shown).toEqual({
      greeting,
      databasePassword: "[secret]",
      tokenValue: "[secret]",
      tokenLength: "[secret]",
    });
    const revealed = JSON.parse(pulumi(["stack", "output", "--json", "--show-secrets"]).stdout);
    expect(revealed.greeting).toEqual(greeting);
    expect(revealed.databasePassword).toEqual(databasePassword);
    expect(revealed.tokenValue).toMatch(/^[0-9a-f]{32}$/);
    expect(revealed.tokenLength).toEqual(32);

    // The backend holds the state, its backups and history: no secret in plaintext anywhere,
    // while plain values are there (so the scan does find plaintext when it is present).
    const backend = readTree(backendDir);
    const stateFiles = filesContaining(backend, '"4dabf18193072939515e22adb298388d"');
    expect(stateFiles.length).toBeGreaterThan(0);
    expect(filesContaining(backend, greeting).length).toBeGreaterThan(0);
    expect(filesContaining(backend, databasePassword)).toEqual([]);
    expect(filesContaining(backend, revealed.tokenValue)).toEqual([]);

    // A second update with the same program and config changes nothing (the CLI fails otherwise).
    const second = pulumi(["up", "--yes", "--expect-no-changes"]);
    expect(second.stdout).toMatch(/\b2 unchanged\b/);
    const afterSecond = JSON.parse(pulumi(["stack", "output", "--json", "--show-secrets"]).stdout);
    expect(afterSecond.tokenValue).toEqual(revealed.tokenValue);

    const destroyed = pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(destroyed.stdout).toMatch(/\b2 deleted\b/);
    const afterDestroy = readTree(backendDir);
    expect(filesContaining(afterDestroy, databasePassword)).toEqual([]);
    expect(filesContaining(afterDestroy, revealed.tokenValue)).toEqual([]);
  });
});
