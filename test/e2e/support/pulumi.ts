/**
 * A Pulumi project under test/e2e/projects run by the real engine (scripts/pulumi), each test file
 * with its own file backend in a temp folder, the cloud credentials of .aio/openrc, and nothing
 * blocking the event loop (a signal receiver may live in the test process).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openrcVariables, repoRoot } from "./openstack";

const pulumiWrapper = path.join(repoRoot, "scripts", "pulumi");

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the command in seconds. */
  readonly seconds: number;
}

/** How a {@link PulumiStack} runs the engine. */
export interface PulumiStackOptions {
  /** Give the program the loopback OpenStack's credentials (.aio/openrc). @default true */
  readonly cloud?: boolean;
  /**
   * Leave passphrase, plugin acquisition, update check and type checking to scripts/pulumi's and
   * Pulumi's own defaults, with a PULUMI_HOME of the stack's own: what a user without any PULUMI_*
   * setting gets. @default false
   */
  readonly wrapperDefaults?: boolean;
}

export class PulumiStack {
  /** The temp folder holding this stack's backend. */
  readonly workDir: string;
  /** The file backend's folder (inside {@link workDir}). */
  readonly backendDir: string;
  private readonly env: NodeJS.ProcessEnv;

  /**
   * @param project folder of the project (its Pulumi.yaml)
   * @param stackName the stack; its config file Pulumi.<stackName>.yaml is removed by {@link remove}
   */
  constructor(readonly project: string, readonly stackName: string, options: PulumiStackOptions = {}) {
    if (!fs.existsSync(path.join(repoRoot, ".heatshift", "bin", "pulumi"))) {
      throw new Error("the engine is not built: run `npm run setup:engine` (scripts/engine/build.sh) first");
    }
    this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), `heatshift-${stackName}-`));
    this.backendDir = path.join(this.workDir, "state");
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("OS_")));
    for (const key of ["HEATSHIFT_SIGNAL_URL", "HEATSHIFT_SIGNAL_ADMIN_TOKEN", "PULUMI_ACCESS_TOKEN"]) delete env[key];
    if (options.wrapperDefaults) {
      for (const key of ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_SKIP_UPDATE_CHECK", "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"]) delete env[key];
      env.PULUMI_HOME = path.join(this.workDir, "pulumi-home");
    }
    this.env = {
      ...env,
      ...(options.cloud === false ? {} : openrcVariables()),
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      // Type checking is tsc's job (`npm run build`), as in the jest config: the e2e suite tests deployments.
      ...(options.wrapperDefaults ? {} : { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }),
    };
  }

  /** `scripts/pulumi --non-interactive ARGS` in the project; never throws on a non-zero exit. */
  run(args: readonly string[], input = "", timeoutMs = 900_000): Promise<RunResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(pulumiWrapper, ["--non-interactive", ...args], { cwd: this.project, env: this.env, timeout: timeoutMs });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
      child.stdin.end(input);
    });
  }

  /** Like {@link run}, but a non-zero exit fails with the engine's output. */
  async ok(args: readonly string[], input = ""): Promise<RunResult> {
    const result = await this.run(args, input);
    if (result.status !== 0) {
      throw new Error(`scripts/pulumi ${args.join(" ")} failed (exit ${result.status})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }

  /** `stack init` and the config: plain values and secrets in one `config set-all`. */
  async init(plain: Record<string, string>, secret: Record<string, string>): Promise<void> {
    await this.ok(["stack", "init", this.stackName]);
    const args = ["config", "set-all", "--stack", this.stackName];
    for (const [key, value] of Object.entries(plain)) args.push("--plaintext", `${key}=${value}`);
    for (const [key, value] of Object.entries(secret)) args.push("--secret", `${key}=${value}`);
    await this.ok(args);
  }

  up(): Promise<RunResult> {
    return this.run(["up", "--yes", "--skip-preview", "--stack", this.stackName]);
  }

  destroy(): Promise<RunResult> {
    return this.run(["destroy", "--yes", "--skip-preview", "--stack", this.stackName]);
  }

  /** The stack's outputs, secrets shown. */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.ok(["stack", "output", "--json", "--show-secrets", "--stack", this.stackName])).stdout);
  }

  /** The resources in the stack's state (type and physical ID), the stack itself excluded. */
  async resources(): Promise<Array<{ type: string; id?: string }>> {
    const exported = JSON.parse((await this.ok(["stack", "export", "--stack", this.stackName])).stdout);
    const resources: Array<{ type: string; id?: string }> = exported.deployment.resources ?? [];
    return resources.filter((resource) => resource.type !== "pulumi:pulumi:Stack");
  }

  /** Destroys what is left (ignoring errors), removes the stack, its config file and the backend. */
  async remove(): Promise<void> {
    await this.run(["destroy", "--yes", "--skip-preview", "--stack", this.stackName]);
    await this.run(["stack", "rm", "--yes", "--force", this.stackName]);
    fs.rmSync(path.join(this.project, `Pulumi.${this.stackName}.yaml`), { force: true });
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}
