/**
 * The signal receiver: a Heat-compatible TOKEN_SIGNAL endpoint per handle, and an admin API
 * (for the Pulumi resources) to register handles and wait for their signals.
 *
 *   POST   /v1/handles                    admin   register a handle → {id, name, endpoint, token}
 *   GET    /v1/handles/{id}[?waitFor=N&waitMs=M]  admin   handle state; long-polls until N signals,
 *                                                 a FAILURE, or M ms
 *   DELETE /v1/handles/{id}/signals        admin   forget the signals (WaitCondition deleted)
 *   DELETE /v1/handles/{id}                admin   remove the handle (WaitConditionHandle deleted)
 *   POST   /v1/handles/{id}/signal         X-Auth-Token: <handle token>   what the instance calls
 *   GET    /healthz                        none
 *
 * Admin requests carry `Authorization: Bearer <admin token>`. Tokens never reach the log.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { SignalFormatError, reasonsWithStatus, waitConditionData, waitOutcome } from "./metadata";
import { PyJsonSyntaxError, PyValue, parsePyJson, pyToJs } from "./pyjson";
import { HandleRecord, SignalStore, StoreFailedError, UnknownHandleError } from "./store";

/** Options of {@link startSignalReceiver}. */
export interface SignalReceiverOptions {
  /** Directory of the durable store and the admin token file. */
  readonly dataDir: string;
  /**
   * Address to listen on.
   * @default "127.0.0.1"
   */
  readonly host?: string;
  /**
   * Port to listen on; 0 picks a free one.
   * @default 0
   */
  readonly port?: number;
  /**
   * Base URL instances use to reach this receiver (endpoints are built from it), e.g.
   * `http://203.0.113.5:8000` when listening on 0.0.0.0:8000.
   * @default the listen address, `http://<host>:<port>`
   */
  readonly publicUrl?: string;
  /**
   * The admin credential. Given, it is used as is and not written anywhere.
   * @default the content of `<dataDir>/admin-token`, created (random, mode 0600) if missing
   */
  readonly adminToken?: string;
  /**
   * Where event lines go (never tokens).
   * @default no logging
   */
  readonly log?: (line: string) => void;
  /**
   * Let the process exit while the receiver is open (for a receiver embedded in a Pulumi
   * program, which must not keep the program alive after its last resource).
   * @default false
   */
  readonly unref?: boolean;
}

/** A running receiver. */
export interface SignalReceiver {
  /** Where this receiver listens, e.g. `http://127.0.0.1:41234` (loopback for a wildcard address). */
  readonly url: string;
  /** Base of the endpoints handed to instances. */
  readonly publicUrl: string;
  /** The admin credential for the admin API. */
  readonly adminToken: string;
  /** Stops accepting requests, lets queued writes finish, closes the store. */
  close(): Promise<void>;
}

/** Largest accepted signal body (Heat's own limit is 1 MiB; instances send a few bytes). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Longest long-poll the admin API holds a request. */
const MAX_WAIT_MS = 60_000;
const ADMIN_TOKEN_FILE = "admin-token";

const sha256 = (text: string): Buffer => crypto.hash("sha256", text, "buffer");
/** Compared against when the handle is unknown, so a miss costs what a hit costs. */
const DUMMY_HASH = sha256("heatshift: no such handle");

/** A random token: 256 bits, base64url (safe inside the single quotes of curl_cli). */
export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

function tokenMatches(given: string | undefined, expectedHash: Buffer): boolean {
  return crypto.timingSafeEqual(sha256(given ?? ""), expectedHash) && given !== undefined && given !== "";
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function send(res: http.ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = body === undefined ? "" : `${JSON.stringify(body)}\n`;
  const length = String(Buffer.byteLength(text));
  // A flat header list: Node takes it without copying an object's keys.
  const list = ["Content-Type", "application/json", "Content-Length", length];
  if (headers !== undefined) for (const name in headers) list.push(name, headers[name]);
  res.writeHead(status, list);
  res.end(text);
}

/** Errors look like Heat's: {code, title, explanation, error: {type, message}}. */
function sendError(res: http.ServerResponse, error: HttpError): void {
  const title = TITLES[error.status] ?? "Error";
  send(res, error.status, { code: error.status, title, explanation: error.message, error: { type: title.replace(/ /g, ""), message: error.message } }, error.headers);
}

const NO_BODY = Buffer.alloc(0);

/** Reads the body (at most MAX_BODY_BYTES) and calls `done` once, with it or with the error. */
function readBody(req: http.IncomingMessage, done: (error: Error | undefined, body: Buffer) => void): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    done(new HttpError(413, `the body is ${declared} bytes; a signal body may have at most ${MAX_BODY_BYTES} bytes`, { Connection: "close" }), NO_BODY);
    return;
  }
  // A signal body arrives in one chunk: keep it as is, collect only when more follow.
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  const finish = (error: Error | undefined, body: Buffer): void => {
    if (finished) return;
    finished = true;
    done(error, body);
  };
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.removeAllListeners("data");
      req.pause();
      finish(new HttpError(413, `the body exceeds ${MAX_BODY_BYTES} bytes, the most a signal body may have`, { Connection: "close" }), NO_BODY);
    } else if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  req.on("end", () => finish(undefined, more !== undefined ? Buffer.concat(more) : (first ?? NO_BODY)));
  req.on("error", (error) => finish(error, NO_BODY));
}

/** readBody for the admin requests, which are async functions. */
function bodyOf(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => readBody(req, (error, body) => (error ? reject(error) : resolve(body))));
}

/** A signal body as Heat's json.loads sees it; undefined for an empty (or blank) body. */
function parseSignalBody(bytes: Buffer): PyValue | undefined {
  const raw = bytes.toString("utf8");
  if (raw.trim() === "") return undefined;
  try {
    return parsePyJson(raw);
  } catch (error) {
    if (error instanceof PyJsonSyntaxError) throw new HttpError(400, `the body is not valid JSON: ${error.message}`);
    throw error;
  }
}

/** The handle as the admin API shows it, with Heat's derived values computed here. */
function describeHandle(handle: HandleRecord, publicUrl: string): Record<string, unknown> {
  const signals = [...handle.signals];
  return {
    id: handle.id,
    name: handle.name,
    endpoint: endpointOf(publicUrl, handle.id),
    createdAt: handle.createdAt,
    signalCount: signals.length,
    statuses: signals.map(([, entry]) => entry.status),
    successReasons: reasonsWithStatus(signals, "SUCCESS"),
    failureReasons: reasonsWithStatus(signals, "FAILURE"),
    data: waitConditionData(signals),
    signals: signals.map(([id, entry]) => ({ id, status: entry.status, reason: pyToJs(entry.reason), data: pyToJs(entry.data) })),
  };
}

function endpointOf(publicUrl: string, handleId: string): string {
  return `${publicUrl}/v1/handles/${handleId}/signal`;
}

function loadAdminToken(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  if (fs.existsSync(file)) {
    const token = fs.readFileSync(file, "utf8").trim();
    if (token.length < 22) throw new Error(`${file} holds a token shorter than 128 bits; delete the file to have a new one generated`);
    return token;
  }
  const token = newToken();
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  return token;
}

/** Starts a receiver (in this process) and resolves once it listens. */
export async function startSignalReceiver(options: SignalReceiverOptions): Promise<SignalReceiver> {
  const store = await SignalStore.open(options.dataDir);
  const adminToken = options.adminToken ?? loadAdminToken(options.dataDir);
  const adminHash = sha256(adminToken);
  // Optional call: with no log, the event lines are not even built.
  const log = options.log;
  let publicUrl = options.publicUrl?.replace(/\/+$/, "") ?? "";
  /** Long-polls in progress; closing the receiver answers them at once. */
  const pendingWaits = new Set<() => void>();

  const isAdmin = (req: http.IncomingMessage): boolean => {
    const header = req.headers.authorization;
    const given = header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
    return tokenMatches(given, adminHash);
  };
  const requireAdmin = (req: http.IncomingMessage): void => {
    if (!isAdmin(req)) throw new HttpError(401, "this request needs the receiver's admin token (Authorization: Bearer <token>)");
  };
  const requireHandle = (id: string): HandleRecord => {
    const handle = store.handle(id);
    if (handle === undefined) throw new HttpError(404, `there is no handle ${id} on this receiver`);
    return handle;
  };

  /** Answers a request that failed, as Heat would (see docs/signals.md for the codes). */
  const fail = (req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void => {
    let httpError: HttpError;
    if (error instanceof HttpError) httpError = error;
    else if (error instanceof SignalFormatError) httpError = new HttpError(400, error.message);
    else if (error instanceof StoreFailedError) httpError = new HttpError(503, error.message);
    // The handle was deleted while this signal was read: answer as for any unknown handle.
    else if (error instanceof UnknownHandleError) httpError = new HttpError(401, "a valid X-Auth-Token header for this endpoint is required");
    else {
      log?.(`internal error on ${req.method} ${req.url?.split("?")[0]}: ${(error as Error).message}`);
      httpError = new HttpError(500, "internal error; see the receiver's log");
    }
    if (httpError.status >= 400 && httpError.status !== 404) log?.(`${httpError.status} ${req.method} ${req.url?.split("?")[0]}`);
    if (!res.headersSent) sendError(res, httpError);
  };

  /**
   * What an instance calls. The per-request hot path, so callbacks rather than promises; it
   * answers (or fails) the request itself, throwing only before it reads the body.
   */
  const signal = (req: http.IncomingMessage, res: http.ServerResponse, handleId: string): void => {
    const handle = store.handle(handleId);
    const given = req.headers["x-auth-token"];
    const token = Array.isArray(given) ? given[0] : given;
    if (!tokenMatches(token, handle?.tokenHash ?? DUMMY_HASH) || handle === undefined) {
      if (handle === undefined && isAdmin(req)) throw new HttpError(404, `there is no handle ${handleId} on this receiver`);
      throw new HttpError(401, "a valid X-Auth-Token header for this endpoint is required");
    }
    readBody(req, (readError, bytes) => {
      if (readError !== undefined) return fail(req, res, readError);
      try {
        const recorded = store.recordSignal(handleId, parseSignalBody(bytes), (writeError) => {
          if (writeError !== undefined) return fail(req, res, writeError);
          // Called from the store's commit loop: an error here must become a 500, not escape into it.
          try {
            const { id, entry, replaced } = recorded;
            log?.(`signal handle=${handleId} (${handle.name}) id=${JSON.stringify(id)} status=${entry.status}${replaced ? " replaced an earlier signal with this id" : ""}`);
            send(res, 200, { id, status: entry.status, reason: pyToJs(entry.reason), replaced });
          } catch (error) {
            fail(req, res, error);
          }
        });
      } catch (error) {
        fail(req, res, error);
      }
    });
  };

  const showHandle = async (req: http.IncomingMessage, res: http.ServerResponse, handleId: string, query: URLSearchParams): Promise<void> => {
    requireAdmin(req);
    requireHandle(handleId);
    const waitFor = Number(query.get("waitFor") ?? 0);
    const waitMs = Math.min(Number(query.get("waitMs") ?? 0), MAX_WAIT_MS);
    if (!Number.isInteger(waitFor) || waitFor < 0 || !Number.isFinite(waitMs) || waitMs < 0) {
      throw new HttpError(400, `waitFor must be an integer ≥ 0 and waitMs a number ≥ 0, got waitFor=${query.get("waitFor")} waitMs=${query.get("waitMs")}`);
    }
    const settled = (): boolean => {
      const handle = store.handle(handleId);
      return handle === undefined || waitFor === 0 || waitOutcome([...handle.signals.values()].map((e) => e.status), waitFor) !== "waiting";
    };
    if (!settled() && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const finish = (): void => {
          clearTimeout(timer);
          unwatch();
          res.off("close", finish);
          pendingWaits.delete(finish);
          resolve();
        };
        const timer = setTimeout(finish, waitMs);
        pendingWaits.add(finish);
        const unwatch = store.watch(handleId, () => {
          if (settled()) finish();
        });
        res.on("close", finish);
      });
    }
    if (!res.writable) return;
    send(res, 200, describeHandle(requireHandle(handleId), publicUrl));
  };

  /** Admin requests are async functions; their failures are answered here. */
  const settle = (req: http.IncomingMessage, res: http.ServerResponse, work: Promise<void>): void => {
    work.catch((error: unknown) => fail(req, res, error));
  };

  const createHandle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    requireAdmin(req);
    const raw = (await bodyOf(req)).toString("utf8");
    let name: unknown;
    try {
      name = raw.trim() === "" ? undefined : (JSON.parse(raw) as { name?: unknown }).name;
    } catch (error) {
      throw new HttpError(400, `the body is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof name !== "string" || name === "" || name.length > 256) {
      throw new HttpError(400, `the body must be {"name": "<handle name, 1-256 characters>"}, got ${raw.slice(0, 80)}`);
    }
    const token = newToken();
    const handle = await store.createHandle(crypto.randomUUID(), name, sha256(token));
    log?.(`handle created id=${handle.id} (${name})`);
    send(res, 201, { ...describeHandle(handle, publicUrl), token });
  };

  /** The two DELETEs (a handle, or its signals): admin only, the handle must exist, 204 once on disk. */
  const remove = async (req: http.IncomingMessage, res: http.ServerResponse, handleId: string, what: "handle" | "signals"): Promise<void> => {
    requireAdmin(req);
    requireHandle(handleId);
    if (what === "handle") await store.deleteHandle(handleId);
    else await store.clearSignals(handleId);
    log?.(what === "handle" ? `handle deleted id=${handleId}` : `signals cleared handle=${handleId}`);
    send(res, 204, undefined);
  };

  /** Dispatches by path and method; throws for what it can refuse at once. */
  const route = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    // Split by hand: a WHATWG URL per request costs more than the rest of a signal's parsing.
    const [pathname, search = ""] = (req.url ?? "/").split("?", 2);
    const method = req.method ?? "GET";
    const allow = (methods: string[]): void => {
      if (!methods.includes(method)) throw new HttpError(405, `${method} is not allowed on ${pathname}; use ${methods.join(" or ")}`, { Allow: methods.join(", ") });
    };
    const parts = pathname.split("/").filter((p) => p !== "");
    if (pathname === "/healthz") {
      allow(["GET"]);
      send(res, 200, { ok: true, handles: store.handleCount });
    } else if (parts.length === 2 && parts[0] === "v1" && parts[1] === "handles") {
      allow(["POST"]);
      settle(req, res, createHandle(req, res));
    } else if (parts.length === 3 && parts[0] === "v1" && parts[1] === "handles") {
      allow(["GET", "DELETE"]);
      settle(req, res, method === "GET" ? showHandle(req, res, parts[2], new URLSearchParams(search)) : remove(req, res, parts[2], "handle"));
    } else if (parts.length === 4 && parts[0] === "v1" && parts[1] === "handles" && parts[3] === "signal") {
      allow(["POST"]);
      signal(req, res, parts[2]);
    } else if (parts.length === 4 && parts[0] === "v1" && parts[1] === "handles" && parts[3] === "signals") {
      allow(["DELETE"]);
      settle(req, res, remove(req, res, parts[2], "signals"));
    } else {
      throw new HttpError(404, `no such path ${pathname}`);
    }
  };

  const server = http.createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      fail(req, res, error);
    }
  });
  // Durable writes take a few ms; keep-alive clients (the load generator, the providers) reuse sockets.
  server.keepAliveTimeout = 30_000;
  if (options.unref) server.on("connection", (socket) => socket.unref());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  if (options.unref) server.unref();
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the receiver did not get a TCP address");
  // A wildcard listener is reached locally through loopback.
  const local = address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address;
  const host = address.family === "IPv6" ? `[${local}]` : local;
  const url = `http://${host}:${address.port}`;
  if (publicUrl === "") publicUrl = url;

  return {
    url,
    publicUrl,
    adminToken,
    close: async () => {
      for (const finish of [...pendingWaits]) finish();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Keep-alive sockets that were busy when close() began are cut after a grace period.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      await store.close();
    },
  };
}
