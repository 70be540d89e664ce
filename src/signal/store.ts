/**
 * The receiver's durable state: an append-only log (`signals.log`) of checksummed JSON lines,
 * replayed into memory at start. A write is acknowledged only after `fdatasync`; concurrent
 * writes share one write + fdatasync (group commit), which is what makes durable signals cheap.
 * Why a log and not SQLite: see docs/signals.md.
 */
import { EventEmitter } from "events";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { SignalEntry, SignalStatus, normaliseSignal } from "./metadata";
import { PyValue, parsePyJson, pyJsonDumps } from "./pyjson";

/** A handle as the store holds it (committed state only). */
export interface HandleRecord {
  /** Random id, part of the endpoint URL. */
  readonly id: string;
  /** The name given at registration (the Pulumi resource name), for messages. */
  readonly name: string;
  /** sha256 of the handle's token; the token itself is never stored. */
  readonly tokenHash: Buffer;
  /** ISO time of registration. */
  readonly createdAt: string;
  /** Signals by id, in arrival order; a repeated id keeps its place and takes the new value. */
  readonly signals: ReadonlyMap<string, SignalEntry>;
}

/** The handle does not exist (or its deletion is on its way to disk). */
export class UnknownHandleError extends Error {}

/** The log is damaged somewhere other than its last record: refuse to guess. */
export class StoreCorruptError extends Error {}

/** The store hit an I/O error and stopped accepting writes (restart to recover from the log). */
export class StoreFailedError extends Error {}

type LogRecord =
  | { op: "handle"; handle: string; name: string; tokenHash: string; at: string }
  | { op: "signal"; handle: string; id: string; status: SignalStatus; reason: string; data: string }
  | { op: "clear"; handle: string }
  | { op: "delete"; handle: string };

interface MutableHandle {
  id: string;
  name: string;
  tokenHash: Buffer;
  createdAt: string;
  signals: Map<string, SignalEntry>;
}

interface PendingWrite {
  line: string;
  commit: () => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

const LOG_FILE = "signals.log";
const LOCK_FILE = "receiver.pid";

/** One log line: `<crc32 of the JSON's UTF-8 bytes, 8 hex digits> <JSON>\n`. */
function encodeRecord(record: LogRecord): string {
  const json = JSON.stringify(record);
  return `${zlib.crc32(json).toString(16).padStart(8, "0")} ${json}\n`;
}

/** Decodes one line (without its newline); undefined when it is torn or damaged. */
function decodeRecord(line: Buffer): LogRecord | undefined {
  if (line.length < 10 || line[8] !== 0x20) return undefined;
  const json = line.subarray(9);
  if (zlib.crc32(json).toString(16).padStart(8, "0") !== line.subarray(0, 8).toString("latin1")) return undefined;
  try {
    return JSON.parse(json.toString("utf8")) as LogRecord;
  } catch {
    return undefined;
  }
}

export class SignalStore {
  private readonly committed = new Map<string, MutableHandle>();
  /** Signals including writes not yet on disk: Heat's defaults ("Signal <n> received") count them. */
  private readonly projected = new Map<string, Map<string, SignalEntry>>();
  private readonly changes = new EventEmitter();
  private queue: PendingWrite[] = [];
  private flushing = false;
  private failure: Error | undefined;
  private closed = false;
  private drained: (() => void)[] = [];

  private constructor(
    private readonly fd: number,
    private readonly dataDir: string,
  ) {
    this.changes.setMaxListeners(0);
  }

  /**
   * Opens (or creates) the store in `dataDir`, replays the log, and cuts off a torn last record
   * left by a crash. Fails if another live receiver holds the directory.
   */
  static async open(dataDir: string): Promise<SignalStore> {
    await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await SignalStore.lock(dataDir);
    const logPath = path.join(dataDir, LOG_FILE);
    const existed = fs.existsSync(logPath);
    const fd = fs.openSync(logPath, "a+", 0o600);
    const store = new SignalStore(fd, dataDir);
    if (existed) store.replay(logPath);
    else await SignalStore.syncDirectory(dataDir);
    return store;
  }

  private static async lock(dataDir: string): Promise<void> {
    const lockPath = path.join(dataDir, LOCK_FILE);
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { mode: 0o600, flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // A pid file exists: it is stale unless its process still runs (a kill -9 leaves it behind).
    const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
    if (Number.isInteger(holder) && holder !== process.pid && SignalStore.alive(holder)) {
      throw new Error(`the data directory ${dataDir} is in use by another signal receiver (pid ${holder}); stop it or choose another --data directory`);
    }
    fs.writeFileSync(lockPath, `${process.pid}\n`, { mode: 0o600 });
  }

  private static alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  }

  private static async syncDirectory(dir: string): Promise<void> {
    const handle = await fs.promises.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private replay(logPath: string): void {
    const content = fs.readFileSync(logPath);
    let offset = 0;
    let tornAt: number | undefined;
    while (offset < content.length) {
      const newline = content.indexOf(0x0a, offset);
      const end = newline === -1 ? content.length : newline;
      const record = newline === -1 ? undefined : decodeRecord(content.subarray(offset, end));
      if (record === undefined) {
        tornAt ??= offset;
      } else if (tornAt !== undefined) {
        throw new StoreCorruptError(
          `${logPath} is damaged at byte ${tornAt} but has valid records after it; this is not a torn last write. Move the file aside and restart (signals after the damage need re-sending).`,
        );
      } else {
        this.apply(record, true);
      }
      offset = end + 1;
    }
    if (tornAt !== undefined) {
      fs.ftruncateSync(this.fd, tornAt);
      fs.fdatasyncSync(this.fd);
    }
  }

  /**
   * Applies a record to the committed state; during replay also to the projected state.
   * `parsed` is the signal entry when the caller still has it (saves parsing it back).
   */
  private apply(record: LogRecord, replaying: boolean, parsed?: SignalEntry): void {
    switch (record.op) {
      case "handle":
        this.committed.set(record.handle, {
          id: record.handle,
          name: record.name,
          tokenHash: Buffer.from(record.tokenHash, "hex"),
          createdAt: record.at,
          signals: new Map(),
        });
        if (replaying) this.projected.set(record.handle, new Map());
        break;
      case "signal": {
        const entry: SignalEntry = parsed ?? { status: record.status, reason: parsePyJson(record.reason), data: parsePyJson(record.data) };
        this.committed.get(record.handle)?.signals.set(record.id, entry);
        if (replaying) this.projected.get(record.handle)?.set(record.id, entry);
        break;
      }
      case "clear":
        this.committed.get(record.handle)?.signals.clear();
        if (replaying) this.projected.get(record.handle)?.clear();
        break;
      case "delete":
        this.committed.delete(record.handle);
        if (replaying) this.projected.delete(record.handle);
        break;
    }
    this.changes.emit(record.handle);
  }

  /** The committed state of a handle (what is on disk), or undefined. */
  handle(id: string): HandleRecord | undefined {
    return this.committed.get(id);
  }

  /** Number of handles on disk. */
  get handleCount(): number {
    return this.committed.size;
  }

  /** Calls `listener` after each committed change to the handle; returns the unsubscribe. */
  watch(id: string, listener: () => void): () => void {
    this.changes.on(id, listener);
    return () => this.changes.off(id, listener);
  }

  /** Registers a handle; resolves once it is on disk. */
  async createHandle(id: string, name: string, tokenHash: Buffer): Promise<HandleRecord> {
    this.projected.set(id, new Map());
    await this.write({ op: "handle", handle: id, name, tokenHash: tokenHash.toString("hex"), at: new Date().toISOString() });
    return this.committed.get(id) as HandleRecord;
  }

  /**
   * Normalises a signal with Heat's rules against everything received so far (on disk or
   * on its way) and resolves once it is on disk. Throws SignalFormatError for a bad body.
   */
  async recordSignal(handleId: string, body: PyValue | undefined): Promise<{ id: string; entry: SignalEntry; replaced: boolean }> {
    const signals = this.projected.get(handleId);
    if (signals === undefined) throw new UnknownHandleError(`no handle ${handleId} (it is being deleted)`);
    const { id, entry } = normaliseSignal(body, signals.size);
    const replaced = signals.has(id);
    signals.set(id, entry);
    await this.write({ op: "signal", handle: handleId, id, status: entry.status, reason: pyJsonDumps(entry.reason), data: pyJsonDumps(entry.data) }, entry);
    return { id, entry, replaced };
  }

  /** Forgets a handle's signals (Heat does this when the WaitCondition is deleted). */
  async clearSignals(handleId: string): Promise<void> {
    this.projected.get(handleId)?.clear();
    await this.write({ op: "clear", handle: handleId });
  }

  /** Removes a handle; its token stops working once this resolves. */
  async deleteHandle(handleId: string): Promise<void> {
    this.projected.delete(handleId);
    await this.write({ op: "delete", handle: handleId });
  }

  private write(record: LogRecord, entry?: SignalEntry): Promise<void> {
    if (this.failure) return Promise.reject(new StoreFailedError(`the signal store stopped after an I/O error: ${this.failure.message}`));
    if (this.closed) return Promise.reject(new StoreFailedError("the signal store is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ line: encodeRecord(record), commit: () => this.apply(record, false, entry), resolve, reject });
      if (!this.flushing) {
        // Start after the requests already read in this turn of the event loop have queued too.
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Group commit: everything queued while the previous fdatasync ran goes out in one write. */
  private async flush(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const batch = this.queue;
      this.queue = [];
      try {
        // A write to the page cache takes microseconds: done inline, it saves a thread-pool round trip.
        const buffer = Buffer.from(batch.map((w) => w.line).join(""), "utf8");
        for (let offset = 0; offset < buffer.length; ) offset += fs.writeSync(this.fd, buffer, offset);
        await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
      } catch (error) {
        // Fail-stop: what reached the disk is unknown, so stop and let a restart replay the log.
        this.failure = error as Error;
        for (const w of [...batch, ...this.queue]) w.reject(new StoreFailedError(`the signal store stopped after an I/O error: ${this.failure.message}`));
        this.queue = [];
        break;
      }
      for (const w of batch) w.commit();
      for (const w of batch) w.resolve();
    }
    this.flushing = false;
    for (const done of this.drained.splice(0)) done();
  }

  /** Waits for queued writes, then closes the log and releases the directory. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.flushing) await new Promise<void>((resolve) => this.drained.push(resolve));
    fs.closeSync(this.fd);
    const lockPath = path.join(this.dataDir, LOCK_FILE);
    if (fs.existsSync(lockPath) && fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
  }
}
