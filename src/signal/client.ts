/**
 * A small client of the receiver's admin API (see server.ts). The Pulumi dynamic providers call
 * it from a separate process after Pulumi serialized them, so each function loads its modules
 * with `require` inside its body and captures nothing else from this file's scope.
 */

/** How to reach a receiver's admin API. */
export interface ReceiverConnection {
  /** Base URL of the receiver as this program reaches it, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  /** The receiver's admin token (`<data dir>/admin-token`). */
  readonly adminToken: string;
}

/** A handle as the admin API reports it. */
export interface HandleState {
  readonly id: string;
  readonly name: string;
  /** The TOKEN_SIGNAL endpoint instances POST to. */
  readonly endpoint: string;
  readonly createdAt: string;
  /** Stored signals (distinct ids). */
  readonly signalCount: number;
  /** Status of each stored signal, in order. */
  readonly statuses: ("SUCCESS" | "FAILURE")[];
  /** Reasons of the SUCCESS signals as Heat prints them. */
  readonly successReasons: string[];
  /** Reasons of the FAILURE signals as Heat prints them. */
  readonly failureReasons: string[];
  /** Heat's WaitCondition `data` attribute (a JSON string). */
  readonly data: string;
}

/** A freshly registered handle: the only time the token is ever returned. */
export interface RegisteredHandle extends HandleState {
  readonly token: string;
}

/** Sends one admin request; resolves with the status and parsed JSON body (undefined if empty). */
export function receiverRequest(
  connection: ReceiverConnection,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<{ status: number; body: any }> {
  const target = new URL(path, connection.url.endsWith("/") ? connection.url : `${connection.url}/`);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const transport = require(target.protocol === "https:" ? "https" : "http");
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method,
        timeout: timeoutMs,
        headers: {
          Authorization: `Bearer ${connection.adminToken}`,
          Accept: "application/json",
          ...(payload === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) }),
        },
      },
      (res: any) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolve({ status: res.statusCode, body: text.trim() === "" ? undefined : JSON.parse(text) });
          } catch {
            reject(new Error(`the signal receiver at ${connection.url} answered ${method} ${target.pathname} with ${res.statusCode} and a body that is not JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`the signal receiver at ${connection.url} did not answer ${method} ${target.pathname} within ${timeoutMs} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const reason = error.code ? `${error.code} ${error.message}` : error.message;
      reject(Object.assign(new Error(`cannot reach the signal receiver at ${connection.url}: ${reason}; is it running (heatshift signal-receiver) and is heatshift:signalReceiverUrl right?`), { code: error.code ?? "ETIMEDOUT" }));
    });
    req.end(payload);
  });
}

/** Turns a non-2xx answer into an Error that says what to fix. */
export function receiverFailure(connection: ReceiverConnection, what: string, status: number, body: any): Error {
  const explanation = body?.explanation ?? JSON.stringify(body);
  const hint = status === 401 ? " (the admin token does not match this receiver's: check heatshift:signalAdminToken against <data dir>/admin-token)" : "";
  return new Error(`${what}: the signal receiver at ${connection.url} answered ${status}: ${explanation}${hint}`);
}

/** Registers a handle named `name`; the answer holds its endpoint and token. */
export async function registerHandle(connection: ReceiverConnection, name: string): Promise<RegisteredHandle> {
  const answer = await receiverRequest(connection, "POST", "v1/handles", { name });
  if (answer.status !== 201) throw receiverFailure(connection, `registering wait condition handle "${name}"`, answer.status, answer.body);
  return answer.body as RegisteredHandle;
}

/**
 * Reads a handle; undefined if the receiver does not know it. With `waitFor`, the receiver
 * holds the request until that many signals are stored, a FAILURE arrives, or `waitMs` passed.
 */
export async function readHandle(connection: ReceiverConnection, id: string, waitFor = 0, waitMs = 0): Promise<HandleState | undefined> {
  const query = waitFor > 0 && waitMs > 0 ? `?waitFor=${waitFor}&waitMs=${Math.ceil(waitMs)}` : "";
  const answer = await receiverRequest(connection, "GET", `v1/handles/${encodeURIComponent(id)}${query}`, undefined, waitMs + 30_000);
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) throw receiverFailure(connection, `reading wait condition handle ${id}`, answer.status, answer.body);
  return answer.body as HandleState;
}

/** Forgets a handle's signals; false if the receiver does not know the handle. */
export async function clearSignals(connection: ReceiverConnection, id: string): Promise<boolean> {
  const answer = await receiverRequest(connection, "DELETE", `v1/handles/${encodeURIComponent(id)}/signals`);
  if (answer.status === 404) return false;
  if (answer.status !== 204) throw receiverFailure(connection, `clearing the signals of handle ${id}`, answer.status, answer.body);
  return true;
}

/** Removes a handle; false if the receiver does not know it. */
export async function removeHandle(connection: ReceiverConnection, id: string): Promise<boolean> {
  const answer = await receiverRequest(connection, "DELETE", `v1/handles/${encodeURIComponent(id)}`);
  if (answer.status === 404) return false;
  if (answer.status !== 204) throw receiverFailure(connection, `deleting handle ${id}`, answer.status, answer.body);
  return true;
}
