import { FunctionError } from "./errors";
import { evaluateWith } from "./evaluate";
import { isMap, pythonInt, pythonQuote, pythonQuotePlus, pythonRepr, pythonScalarStr } from "./python";
import { argumentError, FunctionContext, FunctionDefinition, FunctionNode } from "./types";

const KEYS = ["scheme", "username", "password", "host", "port", "path", "query", "fragment"] as const;

/** Schemes for which Python's `urlunsplit` writes `//` even with an empty host. */
const USES_NETLOC = new Set([
  "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews",
  "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss",
]);

/**
 * Heat's argument check, run on the literal arguments and again on the resolved ones. Like Heat,
 * it stops at `query`, so `fragment` is never checked.
 */
function checkArguments(fnName: string, args: Record<string, unknown>, isDeferred: (value: unknown) => boolean): void {
  for (const key of KEYS) {
    if (!(key in args)) {
      continue;
    }
    const value = args[key];
    if (isDeferred(value)) {
      if (key === "query") {
        return;
      }
      continue;
    }
    if (key === "query") {
      if (!isMap(value)) {
        throw new FunctionError(`The "${key}" argument to "${fnName}" must be a map`);
      }
      return;
    }
    if (key === "port") {
      const port = typeof value === "number" && Number.isInteger(value) ? value : pythonInt(value);
      if (port === undefined) {
        throw new FunctionError(`Invalid URL port "${String(value)}" for ${fnName} called with ${pythonRepr(args)}`);
      }
      if (!(port > 0 && port <= 65535)) {
        throw new FunctionError(`Invalid URL port ${port}, must be in range 1-65535`);
      }
    } else if (typeof value !== "string") {
      throw new FunctionError(`The "${key}" argument to "${fnName}" must be a string`);
    }
  }
}

/** Python's `str()` of a query value (lists and maps as their Python repr, as `urlencode` does). */
function queryText(value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return pythonScalarStr(value);
  }
  return pythonRepr(value);
}

/** Heat's MakeURL on plain arguments. */
export function makeUrl(fnName: string, args: unknown): string {
  if (!isMap(args)) {
    throw new FunctionError(`The arguments to "${fnName}" must be a map`);
  }
  checkArguments(fnName, args, () => false);
  const text = (key: string) => (key in args ? String(args[key]) : "");
  const scheme = text("scheme");
  if (scheme.includes(":")) {
    throw new FunctionError(`URL "scheme" should not contain ':'`);
  }
  const username = pythonQuote(text("username"), "");
  const password = pythonQuote(text("password"), "");
  let netloc = "";
  if (username || password) {
    netloc += username + (password ? `:${password}` : "") + "@";
  }
  let host = text("host");
  if (host.startsWith("[") && host.endsWith("]")) {
    host = host.slice(1, -1);
  }
  host = pythonQuote(host, ":");
  netloc += host.includes(":") ? `[${host}]` : host;
  const port = args.port;
  if (port !== undefined && port !== null && port !== "" && port !== 0) {
    netloc += `:${typeof port === "number" ? pythonScalarStr(port) : String(port)}`;
  }
  const query = isMap(args.query) ? args.query : {};
  const queryString = Object.keys(query)
    .map((key) => `${pythonQuotePlus(key)}=${pythonQuotePlus(queryText(query[key]))}`)
    .join("&")
    .replace(/%2F/g, "/");
  let url = pythonQuote(text("path"));
  const fragment = pythonQuote(text("fragment"));
  // Python's urlunsplit.
  if (netloc || (scheme && USES_NETLOC.has(scheme) && !url.startsWith("//"))) {
    if (url && !url.startsWith("/")) {
      url = "/" + url;
    }
    url = "//" + netloc + url;
  }
  if (scheme) {
    url = `${scheme}:${url}`;
  }
  if (queryString) {
    url += `?${queryString}`;
  }
  if (fragment) {
    url += `#${fragment}`;
  }
  return url;
}

/** `make_url: {scheme, username, password, host, port, path, query, fragment}` (from 2017-09-01). */
export class MakeUrlNode extends FunctionNode {
  evaluate(ctx: FunctionContext): unknown {
    return evaluateWith(this, ctx, (args) => makeUrl(this.fnName, args));
  }
}

export const makeUrlDefinition: FunctionDefinition = {
  heatClass: "MakeURL",
  create(call) {
    const args = call.args;
    // As in Heat, the arguments must be a literal map (a function yielding a map is rejected too).
    if (!isMap(args)) {
      throw argumentError(call, `The arguments to "${call.fnName}" must be a map`);
    }
    const invalid = Object.keys(args).filter((key) => !(KEYS as readonly string[]).includes(key));
    if (invalid.length > 0) {
      throw argumentError(call, `Invalid arguments to "${call.fnName}": ${invalid.join(", ")}`);
    }
    try {
      checkArguments(call.fnName, args, (value) => value instanceof FunctionNode);
    } catch (error) {
      throw error instanceof FunctionError ? argumentError(call, error.message) : error;
    }
    return new MakeUrlNode(call.fnName, args, call.location);
  },
};
