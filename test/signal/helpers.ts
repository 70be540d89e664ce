/** Shared by the signal tests: a receiver in a fresh directory, admin calls, and curl. */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { registerHandle, RegisteredHandle } from "../../src/signal/client";
import { curlCli } from "../../src/signal/metadata";
import { SignalReceiver, startSignalReceiver } from "../../src/signal/server";

export function tempDir(prefix = "heatshift-signal-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts a receiver on 127.0.0.1 with a random port and collects its log lines. */
export async function startTestReceiver(dataDir = tempDir()): Promise<{ receiver: SignalReceiver; dataDir: string; logs: string[] }> {
  const logs: string[] = [];
  const receiver = await startSignalReceiver({ dataDir, host: "127.0.0.1", port: 0, log: (line) => logs.push(line) });
  return { receiver, dataDir, logs };
}

export function connectionOf(receiver: SignalReceiver): { url: string; adminToken: string } {
  return { url: receiver.url, adminToken: receiver.adminToken };
}

export function newHandle(receiver: SignalReceiver, name = "wait_handle"): Promise<RegisteredHandle> {
  return registerHandle(connectionOf(receiver), name);
}

/** Runs a shell command line (as cloud-init would run the user_data script). */
export async function sh(script: string): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)("sh", ["-c", script], { timeout: 20_000 });
}

/** The instance's side: the rendered curl_cli plus the given --data-binary, run by the real curl. */
export async function curlSignal(handle: { token: string; endpoint: string }, dataBinary?: string): Promise<{ status: number; body: any }> {
  const command = curlCli(handle.token, handle.endpoint) + (dataBinary === undefined ? "" : ` --data-binary '${dataBinary}'`);
  return parseCurl((await sh(`${command} -s`)).stdout);
}

/** Splits `curl -i` output into the status and the JSON body. */
export function parseCurl(output: string): { status: number; body: any } {
  const [head, ...rest] = output.split("\r\n\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const text = rest.join("\r\n\r\n").trim();
  return { status, body: text === "" ? undefined : JSON.parse(text) };
}

/** A raw request (for methods, headers and bodies curl_cli would not send). */
export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { method: init.method ?? "GET", headers: init.headers, body: init.body });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}
