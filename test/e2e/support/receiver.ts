/**
 * A heatshift signal receiver for one e2e test file: on 127.0.0.1 (a free port), with its own data
 * folder, and the stack config that points a program at it (docs/signals.md).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SignalReceiver, startSignalReceiver } from "../../../src/signal/server";

export class TestReceiver {
  private constructor(
    /** The receiver's data folder (a temp folder, removed by close). */
    readonly dir: string,
    private readonly receiver: SignalReceiver,
  ) {}

  static async start(): Promise<TestReceiver> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heatshift-e2e-signals-"));
    return new TestReceiver(dir, await startSignalReceiver({ dataDir: dir, host: "127.0.0.1", port: 0 }));
  }

  /** Where the receiver listens (http://127.0.0.1:PORT). */
  get url(): string {
    return this.receiver.url;
  }

  /** The receiver's admin credential (a secret). */
  get adminToken(): string {
    return this.receiver.adminToken;
  }

  /** Plain stack config naming the receiver. */
  get config(): Record<string, string> {
    return { "heatshift:signalReceiverUrl": this.url };
  }

  /** Secret stack config: the receiver's admin credential. */
  get secretConfig(): Record<string, string> {
    return { "heatshift:signalAdminToken": this.adminToken };
  }

  async close(): Promise<void> {
    await this.receiver.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
