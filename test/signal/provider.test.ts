import * as pulumi from "@pulumi/pulumi";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { readHandle } from "../../src/signal/client";
import { signalHandleProvider, signalWaitProvider, SignalWaitInputs, waitForSignals } from "../../src/signal/provider";
import { SignalReceiver } from "../../src/signal/server";
import { connectionOf, curlSignal, newHandle, startTestReceiver, tempDir } from "./helpers";

describe("dynamic providers against a real receiver", () => {
  let receiver: SignalReceiver;
  beforeAll(async () => {
    ({ receiver } = await startTestReceiver());
  });
  afterAll(() => receiver.close());

  const waitInputs = (handle: { id: string }, count: number, timeoutSeconds: number): SignalWaitInputs => ({
    receiverUrl: receiver.url,
    adminToken: receiver.adminToken,
    handleId: handle.id,
    handleName: "wait_handle",
    conditionName: "wait_condition",
    count,
    timeoutSeconds,
  });

  test("the handle provider registers a handle whose curl_cli works, and delete removes it", async () => {
    const created = await signalHandleProvider.create({ receiverUrl: receiver.url, adminToken: receiver.adminToken, handleName: "wait_handle" });
    const outs = created.outs!;
    expect(outs.curlCli).toEqual(`curl -i -X POST -H 'X-Auth-Token: ${outs.token}' -H 'Content-Type: application/json' -H 'Accept: application/json' ${outs.endpoint}`);
    expect((await curlSignal(outs, '{"status": "SUCCESS"}')).status).toEqual(200);
    await signalHandleProvider.delete!(created.id, outs);
    expect(await readHandle(connectionOf(receiver), created.id)).toEqual(undefined);
  });

  test("create completes after count signals, with Heat's data", async () => {
    const handle = await newHandle(receiver);
    const waiting = signalWaitProvider.create(waitInputs(handle, 2, 10));
    await curlSignal(handle, '{"status": "SUCCESS"}');
    await curlSignal(handle, '{"status": "SUCCESS", "id": "web-2", "data": "ready"}');
    const created = await waiting;
    expect(created.id).toEqual(`${handle.id}/wait`);
    expect(created.outs).toEqual({ ...waitInputs(handle, 2, 10), data: '{"1": null, "web-2": "ready"}', signalCount: 2 });
  });

  test("a repeated id counts once towards count", async () => {
    const handle = await newHandle(receiver);
    await curlSignal(handle, '{"id": "same"}');
    await curlSignal(handle, '{"id": "same"}');
    await expect(waitForSignals(waitInputs(handle, 2, 1))).rejects.toThrow(
      'WaitCondition "wait_condition" timed out after 1 s waiting for 2 signal(s) on handle "wait_handle": 1 of 2 received - Signal 2 received',
    );
  });

  test("a FAILURE signal fails with the instance's reason", async () => {
    const handle = await newHandle(receiver);
    const failed = expect(waitForSignals(waitInputs(handle, 1, 10))).rejects.toThrow(
      'WaitCondition "wait_condition" failed: handle "wait_handle" received a FAILURE signal: pip install failed',
    );
    await curlSignal(handle, '{"status": "FAILURE", "reason": "pip install failed"}');
    await failed;
  });

  test("the timeout names the handle and how many signals came", async () => {
    const handle = await newHandle(receiver);
    const started = Date.now();
    await expect(waitForSignals(waitInputs(handle, 1, 1))).rejects.toThrow(
      'WaitCondition "wait_condition" timed out after 1 s waiting for 1 signal(s) on handle "wait_handle": 0 of 1 received',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test("deleting the wait clears the handle's signals, as Heat does", async () => {
    const handle = await newHandle(receiver);
    await curlSignal(handle, "{}");
    await signalWaitProvider.delete!(`${handle.id}/wait`, { ...waitInputs(handle, 1, 10), data: '{"1": null}', signalCount: 1 });
    expect((await readHandle(connectionOf(receiver), handle.id))?.signalCount).toEqual(0);
  });

  test("a new count waits again; a new admin token alone does not", async () => {
    const handle = await newHandle(receiver);
    const olds = { ...waitInputs(handle, 1, 10), data: "{}", signalCount: 0 };
    expect(await signalWaitProvider.diff!("x", olds, { ...waitInputs(handle, 2, 10) })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await signalWaitProvider.diff!("x", olds, { ...waitInputs(handle, 1, 10), handleId: "other" })).toEqual({ changes: true, replaces: ["handleId"], deleteBeforeReplace: false });
    expect(await signalWaitProvider.update!("x", olds, { ...waitInputs(handle, 1, 10), adminToken: "rotated" })).toEqual({ outs: { ...olds, adminToken: "rotated" } });
  });

  // Pulumi ships dynamic providers to a separate process as serialized closures; anything they
  // capture from module scope must survive that. Serialize them here, load the text in a fresh
  // node process, and let it register a handle and wait on it against this receiver.
  test("both providers serialize and run in another process", async () => {
    const dir = tempDir("heatshift-serialized-");
    for (const [name, provider] of [["handle", signalHandleProvider], ["wait", signalWaitProvider]] as const) {
      const serialized = await pulumi.runtime.serializeFunction(() => provider);
      fs.writeFileSync(path.join(dir, `${name}.js`), `${serialized.text}\nmodule.exports.provider = exports.${serialized.exportName}();\n`);
    }
    const script = `
      const handleProvider = require(${JSON.stringify(path.join(dir, "handle.js"))}).provider;
      const waitProvider = require(${JSON.stringify(path.join(dir, "wait.js"))}).provider;
      const http = require("http");
      (async () => {
        const conn = { receiverUrl: process.env.URL, adminToken: process.env.ADMIN };
        const handle = await handleProvider.create({ ...conn, handleName: "serialized" });
        const waiting = waitProvider.create({ ...conn, handleId: handle.id, handleName: "serialized", conditionName: "wc", count: 1, timeoutSeconds: 10 });
        const url = new URL(handle.outs.endpoint);
        await new Promise((resolve, reject) => {
          const req = http.request(url, { method: "POST", headers: { "X-Auth-Token": handle.outs.token, "Content-Type": "application/json" } }, (res) => { res.resume(); res.on("end", resolve); });
          req.on("error", reject);
          req.end('{"data": "from the other process"}');
        });
        const done = await waiting;
        process.stdout.write(JSON.stringify({ data: done.outs.data, curl: handle.outs.curlCli.startsWith("curl -i -X POST -H 'X-Auth-Token: ") }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { env: { ...process.env, URL: receiver.url, ADMIN: receiver.adminToken }, timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({ data: '{"1": "from the other process"}', curl: true });
  }, 30_000);
});
