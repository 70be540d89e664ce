import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { readHandle, registerHandle } from "../../src/signal/client";
import { tempDir } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");

/** Starts `heatshift signal-receiver` as a separate process; resolves with its URL once it listens. */
function startReceiverProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "heatshift"), "signal-receiver", "--listen", "127.0.0.1:0", "--data", dataDir, "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)/m.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`receiver exited with ${code}: ${err}`)));
  });
}

/** One signal POST on a keep-alive agent; resolves with the HTTP status, rejects on a dropped connection. */
function postSignal(agent: http.Agent, endpoint: string, token: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(endpoint, { method: "POST", agent, headers: { "X-Auth-Token": token, "Content-Type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify({ status: "SUCCESS", id, data: id }));
  });
}

describe("durability: a receiver process killed with SIGKILL under load", () => {
  test("every acknowledged signal is there after a restart, none twice", async () => {
    const dataDir = tempDir("heatshift-durability-");
    const first = await startReceiverProcess(dataDir);
    const adminToken = fs.readFileSync(path.join(dataDir, "admin-token"), "utf8").trim();
    const handle = await registerHandle({ url: first.url, adminToken }, "durable");
    const endpointPath = new URL(handle.endpoint).pathname;

    // A second receiver on the same directory is refused while the first lives.
    await expect(startReceiverProcess(dataDir)).rejects.toThrow(`is in use by another signal receiver (pid ${first.child.pid})`);

    // 16 clients send signals with unique ids until the process dies (bounded: 4000 sends at most).
    const acknowledged: string[] = [];
    const sent: string[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    let stop = false;
    const clients = Array.from({ length: 16 }, async (_, client) => {
      for (let n = 0; !stop && sent.length < 4000; n++) {
        const id = `c${client}-${n}`;
        sent.push(id);
        try {
          if ((await postSignal(agent, `${first.url}${endpointPath}`, handle.token, id)) === 200) acknowledged.push(id);
        } catch {
          return; // the connection died with the process: this signal was never acknowledged
        }
      }
    });
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill("SIGKILL");
    await Promise.all(clients);
    stop = true;
    agent.destroy();

    // The killed receiver's log ends in the zeros it wrote in advance: records overwrote them in place.
    const killedLog = fs.readFileSync(path.join(dataDir, "signals.log"));
    expect([killedLog.length > killedLog.lastIndexOf(0x0a) + 1, killedLog[killedLog.length - 1]]).toEqual([true, 0]);

    const second = await startReceiverProcess(dataDir);
    try {
      const state = await readHandle({ url: second.url, adminToken }, handle.id);
      const ids = (state as unknown as { signals: { id: string }[] }).signals.map((s) => s.id);
      const stored = new Set(ids);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(ids.filter((id) => !sent.includes(id))).toEqual([]);
      // None twice: in the state, and as records in the log itself.
      const logIds = fs
        .readFileSync(path.join(dataDir, "signals.log"), "utf8")
        .split("\n")
        .filter((line) => line.includes('"op":"signal"'))
        .map((line) => (JSON.parse(line.slice(9)) as { id: string }).id);
      expect(logIds.length).toEqual(new Set(logIds).size);
      expect(stored.size).toEqual(ids.length);
      expect(state?.signalCount).toEqual(logIds.length);
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    } finally {
      second.child.kill("SIGTERM");
    }
  }, 60_000);
});
