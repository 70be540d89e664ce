/**
 * The receiver's durable state: a log (`signals.log`) of checksummed JSON lines, replayed into
 * memory at start. A write is acknowledged only after an `fdatasync` that began after it; writes
 * that arrive together, or while a sync runs, share one write + fdatasync (group commit); only
 * when a sync is slow do further ones overlap it.
 * While open, the file runs ahead of its records with zeros written in advance: records overwrite
 * blocks that are already allocated and written, so a sync flushes data only, without a journal
 * commit for a changed file size. Why a log and not SQLite: see docs/signals.md.
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

/** A record on its way to disk; `done` runs once it is durable, or with the error that stopped the store. */
interface PendingWrite {
  readonly line: Buffer;
  readonly record: LogRecord;
  /** The signal entry the caller already has (saves parsing it back from the record). */
  readonly entry: SignalEntry | undefined;
  readonly done: (error?: Error) => void;
}

/** Records written with one `write` and covered by one `fdatasync`. */
interface Batch {
  readonly writes: PendingWrite[];
  /** performance.now() when its fdatasync began. */
  readonly syncStarted: number;
  synced: boolean;
}

/** A signal as stored: its id after Heat's defaults, the entry, and whether it replaced one. */
export interface RecordedSignal {
  readonly id: string;
  readonly entry: SignalEntry;
  readonly replaced: boolean;
}

const LOG_FILE = "signals.log";
/** The compacted log while it is written; renamed over LOG_FILE once it is on disk. */
const COMPACT_FILE = "signals.log.compact";
const LOCK_FILE = "receiver.pid";
/**
 * The log is rewritten with only its live records once it holds at least this many records and
 * more than twice as many as are live (replaced signals, cleared and deleted handles): the file
 * stays within ~2× its live size, and each record is rewritten at most once per doubling.
 */
const COMPACT_MIN_RECORDS = 1000;
const COMPACT_CHUNK_BYTES = 256 * 1024;
/**
 * Zeros written ahead of the records at a time. Each extension costs one sync with a journal
 * commit (the file grows); every other sync overwrites allocated blocks in place, which on ext4
 * skips the journal (an append + fdatasync must commit the new size each time: ~1.5× as long).
 */
export const PREALLOCATE_BYTES = 1024 * 1024;
const ZEROS = Buffer.alloc(PREALLOCATE_BYTES);
/**
 * When writes start a sync of their own while one runs. Every fdatasync costs CPU besides its
 * wait (on this VM ~0.1 ms of the receiver's core for the device round trips), so with a fast
 * disk the writes that arrive during a sync wait for it to end and then go out together: fewer,
 * bigger batches serve more signals per second from one core. A sync that has run
 * OVERLAP_AFTER_MS without finishing marks a slow or shared disk, where overlapping syncs
 * complete more per second (2 and 4 at once: ~1.5× and ~2.5× as many here): then the waiting
 * writes start their own, up to MAX_SYNCS_IN_FLIGHT (each takes a libuv pool thread, 4 by
 * default: one stays free).
 */
const OVERLAP_AFTER_MS = 1;
const MAX_SYNCS_IN_FLIGHT = 3;

/** One log line: `<crc32 of the JSON's UTF-8 bytes, 8 hex digits> <JSON>\n`, as one buffer. */
function encodeRecord(record: LogRecord): Buffer {
  const json = Buffer.from(JSON.stringify(record), "utf8");
  const line = Buffer.allocUnsafe(json.length + 10);
  line.write(zlib.crc32(json).toString(16).padStart(8, "0"), 0, "latin1");
  line[8] = 0x20;
  json.copy(line, 9);
  line[line.length - 1] = 0x0a;
  return line;
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

function allZeros(bytes: Buffer): boolean {
  for (let offset = 0; offset < bytes.length; offset += ZEROS.length) {
    const part = bytes.subarray(offset, offset + ZEROS.length);
    if (!part.equals(ZEROS.subarray(0, part.length))) return false;
  }
  return true;
}

export class SignalStore {
  private readonly committed = new Map<string, MutableHandle>();
  /** Signals including writes not yet on disk: Heat's defaults ("Signal <n> received") count them. */
  private readonly projected = new Map<string, Map<string, SignalEntry>>();
  private readonly changes = new EventEmitter();
  /** Written to no file yet. */
  private queue: PendingWrite[] = [];
  /** Written, their fdatasync running or finished, not yet acknowledged; in log order. */
  private inFlight: Batch[] = [];
  private flushScheduled = false;
  /** Set while writes wait for a running sync: fires when that sync has run OVERLAP_AFTER_MS. */
  private overlapTimer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private closed = false;
  private idle: (() => void)[] = [];
  /** Records in the log file. */
  private records = 0;
  /** Where the records end: the next write goes here; zeros (or nothing) follow. */
  private end = 0;
  /** Size of the file: records, then zeros written in advance. */
  private allocated = 0;
  /** Records a compacted log would hold: one per committed handle and per committed signal. */
  private liveRecords = 0;

  private constructor(
    private fd: number,
    private readonly dataDir: string,
  ) {
    this.changes.setMaxListeners(0);
  }

  /**
   * Opens (or creates) the store in `dataDir`, replays the log, cuts off a torn last record
   * left by a crash, and compacts the log if it is mostly dead records. Fails if another live
   * receiver holds the directory.
   */
  static async open(dataDir: string): Promise<SignalStore> {
    await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await SignalStore.lock(dataDir);
    // A compaction cut short by a crash: the log it was to replace is still complete.
    fs.rmSync(path.join(dataDir, COMPACT_FILE), { force: true });
    const logPath = path.join(dataDir, LOG_FILE);
    const existed = fs.existsSync(logPath);
    // Not O_APPEND: writes go to a tracked offset inside the zeros written in advance.
    const fd = fs.openSync(logPath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    const store = new SignalStore(fd, dataDir);
    if (existed) store.replay(logPath);
    else SignalStore.syncDirectory(dataDir);
    if (store.compactionDue()) store.compact();
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

  /** Makes a file's creation or rename in `dir` durable. */
  private static syncDirectory(dir: string): void {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Replays the records. They end at the first byte that starts no valid record: a zero (the
   * space written in advance), the end of the file, or a torn record.
   */
  private replay(logPath: string): void {
    const content = fs.readFileSync(logPath);
    let offset = 0;
    let tornAt: number | undefined;
    while (offset < content.length) {
      const newline = content.indexOf(0x0a, offset);
      const end = newline === -1 ? content.length : newline;
      const record = newline === -1 || content[offset] === 0 ? undefined : decodeRecord(content.subarray(offset, end));
      if (record === undefined) {
        tornAt ??= offset;
      } else if (tornAt !== undefined) {
        throw new StoreCorruptError(
          `${logPath} is damaged at byte ${tornAt} but has valid records after it; this is not a torn last write. Move the file aside and restart (signals after the damage need re-sending).`,
        );
      } else {
        this.apply(record, true);
        this.records++;
      }
      offset = end + 1;
    }
    this.end = tornAt ?? content.length;
    this.allocated = content.length;
    // Zeros after the records are space written in advance, kept for the next writes; anything
    // else there is a torn record (never acknowledged): cut it off.
    if (!allZeros(content.subarray(this.end))) {
      fs.ftruncateSync(this.fd, this.end);
      fs.fdatasyncSync(this.fd);
      this.allocated = this.end;
    }
  }

  /**
   * Applies a record to the committed state; during replay also to the projected state.
   * `parsed` is the signal entry when the caller still has it (saves parsing it back).
   */
  private apply(record: LogRecord, replaying: boolean, parsed?: SignalEntry): void {
    switch (record.op) {
      case "handle":
        this.liveRecords += 1 - this.liveRecordsOf(record.handle);
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
        const signals = this.committed.get(record.handle)?.signals;
        if (signals !== undefined && !signals.has(record.id)) this.liveRecords++;
        signals?.set(record.id, entry);
        if (replaying) this.projected.get(record.handle)?.set(record.id, entry);
        break;
      }
      case "clear":
        this.liveRecords -= this.committed.get(record.handle)?.signals.size ?? 0;
        this.committed.get(record.handle)?.signals.clear();
        if (replaying) this.projected.get(record.handle)?.clear();
        break;
      case "delete":
        this.liveRecords -= this.liveRecordsOf(record.handle);
        this.committed.delete(record.handle);
        if (replaying) this.projected.delete(record.handle);
        break;
    }
    this.changes.emit(record.handle);
  }

  /** What a committed handle adds to a compacted log: its own record and one per signal. */
  private liveRecordsOf(handleId: string): number {
    const handle = this.committed.get(handleId);
    return handle === undefined ? 0 : 1 + handle.signals.size;
  }

  private compactionDue(): boolean {
    return this.records >= COMPACT_MIN_RECORDS && this.records > 2 * this.liveRecords;
  }

  /**
   * Rewrites the log with only the committed state — each handle, then its signals in their
   * order — so a replay gives the same state. Crash-safe: the new log is written to a temporary
   * file and fsynced, renamed over the old one, then the directory is fsynced; until the rename
   * the old log is the valid one. Synchronous, and only called when every written record is
   * acknowledged (none in flight), so the file holds exactly the committed state.
   */
  private compact(): void {
    const logPath = path.join(this.dataDir, LOG_FILE);
    const compactPath = path.join(this.dataDir, COMPACT_FILE);
    const compactFd = fs.openSync(compactPath, "w", 0o600);
    let written = 0;
    try {
      // Written in chunks as encoded: memory stays small however big the log is.
      let chunk: Buffer[] = [];
      let chunkBytes = 0;
      const writeChunk = (): void => {
        const buffer = Buffer.concat(chunk, chunkBytes);
        for (let offset = 0; offset < buffer.length; ) offset += fs.writeSync(compactFd, buffer, offset);
        chunk = [];
        chunkBytes = 0;
      };
      const add = (record: LogRecord): void => {
        const line = encodeRecord(record);
        chunk.push(line);
        chunkBytes += line.length;
        written++;
        if (chunkBytes >= COMPACT_CHUNK_BYTES) writeChunk();
      };
      for (const handle of this.committed.values()) {
        add({ op: "handle", handle: handle.id, name: handle.name, tokenHash: handle.tokenHash.toString("hex"), at: handle.createdAt });
        for (const [id, entry] of handle.signals) {
          add({ op: "signal", handle: handle.id, id, status: entry.status, reason: pyJsonDumps(entry.reason), data: pyJsonDumps(entry.data) });
        }
      }
      writeChunk();
      fs.fdatasyncSync(compactFd);
    } finally {
      fs.closeSync(compactFd);
    }
    fs.renameSync(compactPath, logPath);
    SignalStore.syncDirectory(this.dataDir);
    const compactedFd = fs.openSync(logPath, fs.constants.O_RDWR, 0o600);
    fs.closeSync(this.fd);
    this.fd = compactedFd;
    this.records = written;
    this.end = this.allocated = fs.fstatSync(compactedFd).size;
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
   * Normalises a signal with Heat's rules against everything received so far (on disk or on
   * its way), queues it and returns what will be stored; `durable` runs once it is on disk (or
   * with a StoreFailedError). A callback, not a promise: this is the per-request hot path.
   * Throws, before queuing anything, SignalFormatError for a bad body, UnknownHandleError, and
   * StoreFailedError once the store has stopped.
   */
  recordSignal(handleId: string, body: PyValue | undefined, durable: (error?: Error) => void): RecordedSignal {
    const signals = this.projected.get(handleId);
    if (signals === undefined) throw new UnknownHandleError(`no handle ${handleId} (it is being deleted)`);
    const { id, entry } = normaliseSignal(body, signals.size);
    const refusal = this.refusal();
    if (refusal !== undefined) throw refusal;
    const replaced = signals.has(id);
    signals.set(id, entry);
    this.append({ op: "signal", handle: handleId, id, status: entry.status, reason: pyJsonDumps(entry.reason), data: pyJsonDumps(entry.data) }, entry, durable);
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

  /** Why no write is accepted any more, if so. */
  private refusal(): StoreFailedError | undefined {
    if (this.failure) return new StoreFailedError(`the signal store stopped after an I/O error: ${this.failure.message}`);
    if (this.closed) return new StoreFailedError("the signal store is closed");
    return undefined;
  }

  /** The admin operations' form of append: resolves once the record is on disk. */
  private write(record: LogRecord): Promise<void> {
    const refusal = this.refusal();
    if (refusal !== undefined) return Promise.reject(refusal);
    return new Promise((resolve, reject) => this.append(record, undefined, (error) => (error ? reject(error) : resolve())));
  }

  private append(record: LogRecord, entry: SignalEntry | undefined, done: (error?: Error) => void): void {
    this.queue.push({ line: encodeRecord(record), record, entry, done });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.queue.length === 0 || this.inFlight.length >= MAX_SYNCS_IN_FLIGHT) return;
    if (this.inFlight.length > 0) {
      // Wait for the latest sync to end (synced() calls back here), or until it turns out slow.
      const wait = this.inFlight[this.inFlight.length - 1].syncStarted + OVERLAP_AFTER_MS - performance.now();
      if (wait > 0) {
        this.overlapTimer ??= setTimeout(this.overlapDue, wait).unref();
        return;
      }
    }
    this.flushScheduled = true;
    // Start after the requests already read in this turn of the event loop have queued too.
    setImmediate(this.flush);
  }

  private readonly overlapDue = (): void => {
    this.overlapTimer = undefined;
    this.scheduleFlush();
  };

  /** Group commit: everything queued goes out in one write, followed by its own fdatasync. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.failure || this.queue.length === 0 || this.inFlight.length >= MAX_SYNCS_IN_FLIGHT) return;
    const writes = this.queue;
    this.queue = [];
    const buffer = writes.length === 1 ? writes[0].line : Buffer.concat(writes.map((w) => w.line));
    let extended = false;
    try {
      // Writes to the page cache take microseconds: done inline, they save thread-pool round trips.
      // The batch's own fdatasync makes an extension durable together with the batch.
      for (; this.end + buffer.length > this.allocated; extended = true) this.allocated += this.writeAt(ZEROS, this.allocated);
      this.end += this.writeAt(buffer, this.end);
    } catch (error) {
      this.fail(error as Error, writes);
      return;
    }
    this.records += writes.length;
    const batch: Batch = { writes, syncStarted: performance.now(), synced: false };
    this.inFlight.push(batch);
    // A lone record (as from one client) is synced right here, on the event loop: the pool's
    // round trip (waking a pool thread, then the loop) is most of what the receiver adds to the
    // disk's latency (4–15% more signals per second at 1 client in same-run A/Bs); the loop waits
    // one sync at most, and what arrives meanwhile forms the next batch. Batches go to the pool, so
    // that reading the next requests overlaps their sync; so does an extension (its sync writes
    // out the zeros).
    if (writes.length === 1 && this.inFlight.length === 1 && !extended) {
      try {
        fs.fdatasyncSync(this.fd);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      this.synced(batch);
    } else {
      fs.fdatasync(this.fd, (error) => (error ? this.fail(error) : this.synced(batch)));
    }
  };

  /** Writes all of `buffer` at `position`; returns its length. */
  private writeAt(buffer: Buffer, position: number): number {
    for (let offset = 0; offset < buffer.length; ) offset += fs.writeSync(this.fd, buffer, offset, buffer.length - offset, position + offset);
    return buffer.length;
  }

  private synced(batch: Batch): void {
    if (this.failure) return; // fail() has answered it already
    batch.synced = true;
    // Acknowledge in log order: a batch whose sync finished first waits for the ones before it,
    // so the admin API never shows a signal while an earlier one could still be lost.
    while (this.inFlight.length > 0 && this.inFlight[0].synced) {
      const { writes } = this.inFlight.shift() as Batch;
      for (const w of writes) this.apply(w.record, false, w.entry);
      for (const w of writes) w.done();
    }
    if (this.inFlight.length === 0 && this.compactionDue()) {
      try {
        this.compact();
      } catch (error) {
        this.fail(error as Error);
        return;
      }
    }
    this.scheduleFlush();
    this.notifyIdle();
  }

  /** Fail-stop: what reached the disk is unknown, so refuse everything unacknowledged and let a restart replay the log. */
  private fail(error: Error, unwritten: PendingWrite[] = []): void {
    this.failure ??= error;
    const refusal = this.refusal() as StoreFailedError;
    const unacknowledged = [...unwritten, ...this.inFlight.flatMap((b) => b.writes), ...this.queue];
    this.inFlight = [];
    this.queue = [];
    clearTimeout(this.overlapTimer);
    this.overlapTimer = undefined;
    for (const w of unacknowledged) w.done(refusal);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.inFlight.length === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /**
   * Waits for queued writes, cuts off the zeros written in advance (a closed log holds exactly
   * its records), then closes the log and releases the directory.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.inFlight.length > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.failure === undefined && this.allocated > this.end) {
      fs.ftruncateSync(this.fd, this.end);
      fs.fdatasyncSync(this.fd);
    }
    fs.closeSync(this.fd);
    const lockPath = path.join(this.dataDir, LOCK_FILE);
    if (fs.existsSync(lockPath) && fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
  }
}
