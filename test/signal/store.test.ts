import * as fs from "fs";
import * as path from "path";
import { parsePyJson } from "../../src/signal/pyjson";
import { PyValue } from "../../src/signal/pyjson";
import { RecordedSignal, SignalStore, StoreCorruptError } from "../../src/signal/store";
import { tempDir } from "./helpers";

const hash = Buffer.alloc(32, 7);
const body = (text: string) => parsePyJson(text);
/** recordSignal, resolved once the signal is on disk. */
const record = (store: SignalStore, handleId: string, signal: PyValue | undefined): Promise<RecordedSignal> =>
  new Promise((resolve, reject) => {
    const recorded = store.recordSignal(handleId, signal, (error) => (error ? reject(error) : resolve(recorded)));
  });

describe("SignalStore (fsynced append-only log)", () => {
  test("replays handles, signals, clears and deletes; Heat's numbering continues after a restart", async () => {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("h1", "wait_handle", hash);
    await store.createHandle("h2", "other", hash);
    await record(store, "h1", undefined);
    await record(store, "h1", body('{"id": "web", "data": {"b": 1.0, "a": [1, 2]}}'));
    await record(store, "h2", body('{"status": "FAILURE", "reason": "boom"}'));
    await store.clearSignals("h2");
    await store.deleteHandle("h2");
    await store.close();

    const reopened = await SignalStore.open(dir);
    expect(reopened.handle("h2")).toEqual(undefined);
    const h1 = reopened.handle("h1");
    expect([h1?.name, h1?.tokenHash.equals(hash), [...(h1?.signals.keys() ?? [])]]).toEqual(["wait_handle", true, ["1", "web"]]);
    expect(h1?.signals.get("web")).toEqual({ status: "SUCCESS", reason: "Signal 2 received", data: body('{"b": 1.0, "a": [1, 2]}') });
    expect((await record(reopened, "h1", undefined)).id).toEqual("3");
    await reopened.close();
  });

  test("a torn last record (crash mid-write) is cut off and the log stays appendable", async () => {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("h", "wait_handle", hash);
    await record(store, "h", body('{"id": "kept"}'));
    await store.close();
    const log = path.join(dir, "signals.log");
    const goodLength = fs.statSync(log).size;
    fs.appendFileSync(log, '5f0e2a11 {"op":"signal","handle":"h","id":"torn","sta');

    const reopened = await SignalStore.open(dir);
    expect([...(reopened.handle("h")?.signals.keys() ?? [])]).toEqual(["kept"]);
    expect(fs.statSync(log).size).toEqual(goodLength);
    await record(reopened, "h", body('{"id": "after"}'));
    await reopened.close();
    const again = await SignalStore.open(dir);
    expect([...(again.handle("h")?.signals.keys() ?? [])]).toEqual(["kept", "after"]);
    await again.close();
  });

  test("damage before valid records is refused, not guessed around", async () => {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("h", "wait_handle", hash);
    await record(store, "h", body('{"id": "a"}'));
    await store.close();
    const log = path.join(dir, "signals.log");
    const bytes = fs.readFileSync(log);
    bytes[20] ^= 0x01;
    fs.writeFileSync(log, bytes);
    await expect(SignalStore.open(dir)).rejects.toThrow(StoreCorruptError);
    await expect(SignalStore.open(dir)).rejects.toThrow(`${log} is damaged at byte 0 but has valid records after it`);
  });

  test("concurrent signals share fdatasyncs (group commit) and all reach the log", async () => {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("h", "wait_handle", hash);
    // The module object itself: store.ts reads fs.fdatasync through it at call time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const syncs = jest.spyOn(require("fs") as typeof fs, "fdatasync");
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => record(store, "h", body(`{"id": "s${i}"}`))));
    expect(results.map((r) => r.id)).toEqual(Array.from({ length: 200 }, (_, i) => `s${i}`));
    expect(syncs.mock.calls.length).toBeLessThan(20);
    syncs.mockRestore();
    await store.close();
    const lines = fs.readFileSync(path.join(dir, "signals.log"), "utf8").trim().split("\n");
    expect(lines.length).toEqual(201);
  });
});
