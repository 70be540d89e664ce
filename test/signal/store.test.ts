import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parsePyJson } from "../../src/signal/pyjson";
import { PyValue } from "../../src/signal/pyjson";
import { PREALLOCATE_BYTES, RecordedSignal, SignalStore, StoreCorruptError, StoreFailedError } from "../../src/signal/store";
import { tempDir } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const hash = Buffer.alloc(32, 7);
const body = (text: string) => parsePyJson(text);
/** recordSignal, resolved once the signal is on disk. */
const record = (store: SignalStore, handleId: string, signal: PyValue | undefined): Promise<RecordedSignal> =>
  new Promise((resolve, reject) => {
    const recorded = store.recordSignal(handleId, signal, (error) => (error ? reject(error) : resolve(recorded)));
  });

describe("SignalStore (fsynced log)", () => {
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

describe("SignalStore group commit", () => {
  /**
   * A store with handle "h" whose fdatasyncs are held until the test ends them, on a clock
   * (performance.now) the test moves; `send` records a signal and notes its acknowledgement.
   */
  async function heldStore() {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("h", "wait_handle", hash);
    const held: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    // The module object itself: store.ts reads fs.fdatasync through it at call time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const syncs = jest.spyOn(require("fs") as typeof fs, "fdatasync").mockImplementation(((_fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      held.push(callback);
    }) as typeof fs.fdatasync);
    const clock = { now: 1000 };
    const now = jest.spyOn(performance, "now").mockImplementation(() => clock.now);
    const acknowledged: string[] = [];
    const send = (id: string) => void record(store, "h", body(`{"id": "${id}"}`)).then(() => acknowledged.push(id));
    const finish = async () => {
      syncs.mockRestore();
      now.mockRestore();
      await store.close();
      return fs.readFileSync(path.join(dir, "signals.log"), "utf8").split("\n").filter((line) => line.includes('"op":"signal"')).map((line) => JSON.parse(line.slice(9)).id);
    };
    return { store, held, clock, acknowledged, send, finish };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  /** Real time for the store's timers to fire (they read the test's clock). */
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test("writes arriving while a sync runs wait for it to end, then share one write and one sync", async () => {
    const { store, held, acknowledged, send, finish } = await heldStore();
    // Two in one turn: a batch, synced in the pool (a lone record is synced on the event loop).
    send("a");
    send("a2");
    await turn();
    send("b");
    await turn();
    send("c");
    await sleep(5);
    expect([held.length, acknowledged]).toEqual([1, []]);
    held[0](null);
    await turn();
    expect([acknowledged, store.handle("h")?.signals.size, held.length]).toEqual([["a", "a2"], 2, 2]);
    held[1](null);
    await turn();
    expect(acknowledged).toEqual(["a", "a2", "b", "c"]);
    expect(await finish()).toEqual(["a", "a2", "b", "c"]);
  });

  test("once a sync has run 1 ms, waiting writes start their own (three at most); acknowledgements keep log order", async () => {
    const { store, held, clock, acknowledged, send, finish } = await heldStore();
    send("a");
    send("a2");
    await turn();
    for (const id of ["b", "c"]) {
      send(id);
      await sleep(3);
      expect(held.length).toEqual(id === "b" ? 1 : 2);
      clock.now += 1;
      await sleep(3);
    }
    send("d");
    send("e");
    clock.now += 1;
    await sleep(5);
    // a+a2, b and c each have a sync running; d and e wait for one to end.
    expect([held.length, acknowledged]).toEqual([3, []]);
    held[2](null); // c's sync ends first: c must still wait for a, a2 and b
    held[1](null);
    await turn();
    expect([acknowledged, store.handle("h")?.signals.size]).toEqual([[], 0]);
    held[0](null);
    await turn();
    // a, a2, b, c in order; d and e went out together in one write with one sync.
    expect([acknowledged, store.handle("h")?.signals.size, held.length]).toEqual([["a", "a2", "b", "c"], 4, 4]);
    held[3](null);
    await turn();
    expect(acknowledged).toEqual(["a", "a2", "b", "c", "d", "e"]);
    expect(await finish()).toEqual(["a", "a2", "b", "c", "d", "e"]);
  });

  test("an fdatasync error stops the store: the signals it covered are refused, never acknowledged, and so is every later one", async () => {
    const { store, held, acknowledged, finish } = await heldStore();
    const refused: unknown[] = [];
    // A batch of two in the pool; "waiting" is queued behind its sync, which fails.
    for (const ids of [["lost", "lost2"], ["waiting"]]) {
      for (const id of ids) record(store, "h", body(`{"id": "${id}"}`)).catch((error) => refused.push(error));
      await turn();
    }
    held[0](Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" }));
    await turn();
    expect(refused).toEqual([1, 2, 3].map(() => new StoreFailedError("the signal store stopped after an I/O error: EIO: i/o error, fdatasync")));
    await expect(record(store, "h", body('{"id": "after"}'))).rejects.toThrow("the signal store stopped after an I/O error");
    expect([acknowledged, store.handle("h")?.signals.size]).toEqual([[], 0]);
    // The failed batch did reach the file: a restart replays it (the instance, answered 503, sends it again; the same id replaces it).
    expect(await finish()).toEqual(["lost", "lost2"]);
  });

  test("a lone record is synced on the event loop (no pool round trip); a batch, or an extension of the file, in the pool", async () => {
    const store = await SignalStore.open(tempDir());
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fsModule = require("fs") as typeof fs;
    const pool = jest.spyOn(fsModule, "fdatasync");
    const eventLoop = jest.spyOn(fsModule, "fdatasyncSync");
    const counts = () => [eventLoop.mock.calls.length, pool.mock.calls.length];
    await store.createHandle("h", "wait_handle", hash); // the first record extends the empty file
    expect(counts()).toEqual([0, 1]);
    await record(store, "h", body('{"id": "a"}'));
    expect(counts()).toEqual([1, 1]);
    await Promise.all(["b", "c"].map((id) => record(store, "h", body(`{"id": "${id}"}`))));
    expect(counts()).toEqual([1, 2]);
    eventLoop.mockImplementationOnce(() => {
      throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
    });
    await expect(record(store, "h", body('{"id": "d"}'))).rejects.toThrow("the signal store stopped after an I/O error: EIO: i/o error, fdatasync");
    expect(store.handle("h")?.signals.size).toEqual(3);
    pool.mockRestore();
    eventLoop.mockRestore();
    await store.close();
  });
});

describe("SignalStore compaction (live records only, rewritten atomically)", () => {
  const logOf = (dir: string) => path.join(dir, "signals.log");
  const lineCount = (dir: string) => fs.readFileSync(logOf(dir), "utf8").split("\n").length - 1;
  const signalIds = (store: SignalStore, handleId: string) => [...(store.handle(handleId)?.signals.keys() ?? [])];

  /**
   * A log that is mostly dead records: handle "h" with `ids` signals, each sent three times
   * (data "v1", "v2", "v3"). Written as three separate all-live logs whose records are joined, so
   * no store ever held this log open (and compacted it) before the test does.
   */
  async function deadHeavyLog(dir: string, ids: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (const version of ["v1", "v2", "v3"]) {
      const partDir = tempDir();
      const store = await SignalStore.open(partDir);
      await store.createHandle("h", "wait_handle", hash);
      await Promise.all(Array.from({ length: ids }, (_, i) => record(store, "h", body(`{"id": "s${i}", "data": "${version}"}`))));
      await store.close();
      const bytes = fs.readFileSync(logOf(partDir));
      // Only the first part keeps the handle record (its first line).
      parts.push(version === "v1" ? bytes : bytes.subarray(bytes.indexOf(0x0a) + 1));
    }
    const log = Buffer.concat(parts);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(logOf(dir), log);
    return log;
  }

  test("on start: a mostly dead log is rewritten with its live records; state and Heat's numbering are unchanged", async () => {
    const dir = tempDir();
    await deadHeavyLog(dir, 400);
    expect(lineCount(dir)).toEqual(1201);
    const store = await SignalStore.open(dir);
    expect(lineCount(dir)).toEqual(401);
    expect(fs.existsSync(path.join(dir, "signals.log.compact"))).toEqual(false);
    expect(signalIds(store, "h")).toEqual(Array.from({ length: 400 }, (_, i) => `s${i}`));
    expect(store.handle("h")?.signals.get("s7")).toEqual({ status: "SUCCESS", reason: "Signal 8 received", data: "v3" });
    expect((await record(store, "h", undefined)).id).toEqual("401");
    await store.close();
    const reopened = await SignalStore.open(dir);
    expect(signalIds(reopened, "h").length).toEqual(401);
    expect(reopened.handle("h")?.tokenHash.equals(hash)).toEqual(true);
    await reopened.close();
  });

  test("while running: replaced signals, cleared and deleted handles are compacted away once the log is mostly dead", async () => {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("kept", "wait_handle", hash);
    await store.createHandle("cleared", "cleared", hash);
    await store.createHandle("deleted", "deleted", hash);
    await record(store, "cleared", body('{"id": "gone"}'));
    await store.clearSignals("cleared");
    await record(store, "deleted", body('{"id": "gone"}'));
    await store.deleteHandle("deleted");
    // 1100 signals on three ids: the log passes 1000 records with 6 live ones.
    for (let round = 0; round < 110; round++) {
      await Promise.all(["a", "b", "c"].map((id) => record(store, "kept", body(`{"id": "${id}", "data": ${round}}`))));
      await Promise.all(Array.from({ length: 7 }, () => record(store, "cleared", body('{"id": "again"}'))));
    }
    expect(lineCount(dir)).toBeLessThan(1000);
    await store.close();
    const reopened = await SignalStore.open(dir);
    expect([signalIds(reopened, "kept"), signalIds(reopened, "cleared"), reopened.handle("deleted")]).toEqual([["a", "b", "c"], ["again"], undefined]);
    expect(reopened.handle("kept")?.signals.get("c")?.data).toEqual({ kind: "int", digits: "109" });
    await reopened.close();
  }, 60_000);

  test("a receiver killed with SIGKILL while compacting leaves the old log whole; the next start compacts it", async () => {
    const dir = tempDir();
    const original = await deadHeavyLog(dir, 20_000);
    let interrupted = 0;
    for (let attempt = 0; attempt < 6 && interrupted < 2; attempt++) {
      fs.writeFileSync(logOf(dir), original);
      const child = spawn(process.execPath, [path.join(ROOT, "bin", "heatshift"), "signal-receiver", "--listen", "127.0.0.1:0", "--data", dir, "--quiet"], { stdio: "ignore" });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // Kill the moment the compacted log appears, i.e. in the middle of writing it.
      const deadline = Date.now() + 20_000;
      while (!fs.existsSync(path.join(dir, "signals.log.compact")) && child.exitCode === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      child.kill("SIGKILL");
      await exited;
      if (fs.existsSync(path.join(dir, "signals.log.compact"))) {
        interrupted++;
        expect(fs.readFileSync(logOf(dir)).equals(original)).toEqual(true);
      }
      const store = await SignalStore.open(dir);
      expect(fs.existsSync(path.join(dir, "signals.log.compact"))).toEqual(false);
      expect(lineCount(dir)).toEqual(20_001);
      const ids = signalIds(store, "h");
      expect([ids.length, ids[0], ids[19_999]]).toEqual([20_000, "s0", "s19999"]);
      expect([store.handle("h")?.signals.get("s0")?.data, store.handle("h")?.signals.get("s19999")?.data]).toEqual(["v3", "v3"]);
      await store.close();
    }
    expect(interrupted).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe("SignalStore preallocation (records overwrite zeros written in advance)", () => {
  const logOf = (dir: string) => path.join(dir, "signals.log");
  /** Where the records end: after the last newline. */
  const recordsEnd = (bytes: Buffer) => bytes.lastIndexOf(0x0a) + 1;
  const zeros = (bytes: Buffer) => bytes.every((byte) => byte === 0);
  const signalIds = (store: SignalStore) => [...(store.handle("h")?.signals.keys() ?? [])];

  /** A store with handle "h" and signal "a", and the log's bytes while it is open (what a kill -9 leaves). */
  async function openLog(dir: string): Promise<{ store: SignalStore; whileOpen: Buffer }> {
    const store = await SignalStore.open(dir);
    await store.createHandle("h", "wait_handle", hash);
    await record(store, "h", body('{"id": "a"}'));
    return { store, whileOpen: fs.readFileSync(logOf(dir)) };
  }

  test("while open the log runs ahead of its records with zeros; a clean close cuts them off", async () => {
    const dir = tempDir();
    const { store, whileOpen } = await openLog(dir);
    const end = recordsEnd(whileOpen);
    expect([whileOpen.length, zeros(whileOpen.subarray(end)), whileOpen.toString("latin1", 0, end).split("\n").length]).toEqual([PREALLOCATE_BYTES, true, 3]);
    await store.close();
    expect(fs.readFileSync(logOf(dir)).equals(whileOpen.subarray(0, end))).toEqual(true);
  });

  test("a log left with its zeros by a crash is replayed, and new records overwrite the zeros right after the last one", async () => {
    const dir = tempDir();
    const { store, whileOpen } = await openLog(dir);
    await store.close();
    fs.writeFileSync(logOf(dir), whileOpen);

    const reopened = await SignalStore.open(dir);
    expect(signalIds(reopened)).toEqual(["a"]);
    await record(reopened, "h", body('{"id": "b"}'));
    const after = fs.readFileSync(logOf(dir));
    const end = recordsEnd(after);
    expect([after.length, zeros(after.subarray(end))]).toEqual([PREALLOCATE_BYTES, true]);
    expect(after.toString("utf8", 0, end).split("\n").slice(1, 3).map((line) => JSON.parse(line.slice(9)).id)).toEqual(["a", "b"]);
    await reopened.close();
    const again = await SignalStore.open(dir);
    expect(signalIds(again)).toEqual(["a", "b"]);
    await again.close();
  });

  test.each([
    ["the first bytes of a record, then zeros", (line: Buffer) => Buffer.concat([line.subarray(0, 30), Buffer.alloc(line.length - 30)])],
    ["a whole record but for a zeroed middle", (line: Buffer) => Buffer.concat([line.subarray(0, 12), Buffer.alloc(20), line.subarray(32)])],
  ])("a torn record in the zeros (%s) is cut off, never acknowledged; the log stays writable", async (_, tear) => {
    const dir = tempDir();
    const { store, whileOpen } = await openLog(dir);
    const end = recordsEnd(whileOpen);
    // A real record for "torn", written where the next record would go, then damaged.
    await record(store, "h", body('{"id": "torn"}'));
    const line = fs.readFileSync(logOf(dir)).subarray(end, recordsEnd(fs.readFileSync(logOf(dir))));
    await store.close();
    const crashed = Buffer.from(whileOpen);
    tear(line).copy(crashed, end);
    fs.writeFileSync(logOf(dir), crashed);

    const reopened = await SignalStore.open(dir);
    expect([signalIds(reopened), fs.statSync(logOf(dir)).size]).toEqual([["a"], end]);
    await record(reopened, "h", body('{"id": "after"}'));
    await reopened.close();
    const again = await SignalStore.open(dir);
    expect(signalIds(again)).toEqual(["a", "after"]);
    await again.close();
  });

  test("records beyond the zeros extend the file by whole chunks; everything replays", async () => {
    const dir = tempDir();
    const store = await SignalStore.open(dir);
    await store.createHandle("h", "wait_handle", hash);
    const big = "x".repeat(300_000);
    // The first four go out in one batch larger than one chunk, the fifth extends the file again.
    await Promise.all(["1", "2", "3", "4"].map((id) => record(store, "h", body(`{"id": "${id}", "data": "${big}"}`))));
    await record(store, "h", body(`{"id": "5", "data": "${big}"}`));
    const whileOpen = fs.readFileSync(logOf(dir));
    const end = recordsEnd(whileOpen);
    expect([whileOpen.length, end > 5 * 300_000, zeros(whileOpen.subarray(end))]).toEqual([2 * PREALLOCATE_BYTES, true, true]);
    await store.close();
    expect(fs.statSync(logOf(dir)).size).toEqual(end);
    const reopened = await SignalStore.open(dir);
    expect([signalIds(reopened), reopened.handle("h")?.signals.get("5")?.data]).toEqual([["1", "2", "3", "4", "5"], big]);
    await reopened.close();
  });
});
