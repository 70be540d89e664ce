/**
 * Heat's wait-condition semantics, in one place (python3-heat 19.0.0:
 * heat/engine/resources/wait_condition.py, openstack/heat/wait_condition_handle.py and
 * openstack/heat/wait_condition.py). The receiver, the store and the Pulumi providers all use
 * these functions; none of them restates a rule.
 */
import { PyValue, pyJsonDumps, pyStr } from "./pyjson";

/** The two statuses Heat accepts, case-sensitive. */
export type SignalStatus = "SUCCESS" | "FAILURE";

/** One stored signal: Heat keeps `{status, reason, data}` under the signal's string id. */
export interface SignalEntry {
  readonly status: SignalStatus;
  readonly reason: PyValue;
  readonly data: PyValue;
}

/** A signal body Heat would refuse with "Metadata format invalid" (HTTP 400). */
export class SignalFormatError extends Error {
  constructor(detail: string) {
    super(`Metadata format invalid: ${detail}`);
    this.name = "SignalFormatError";
  }
}

const METADATA_KEYS: ReadonlySet<string> = new Set(["data", "reason", "status", "id"]);
const NO_FIELDS: ReadonlyMap<string, PyValue> = new Map();

/**
 * Heat's `normalise_signal_data` then `_metadata_format_ok`: fills the defaults (status SUCCESS,
 * reason "Signal <n> received", data null, id <n>, where n = stored signals + 1), rejects other
 * keys and unknown statuses, and turns the id into a string with Python's `str()`.
 * `body` undefined means an empty request body; `null` and `{}` count as empty too.
 */
export function normaliseSignal(body: PyValue | undefined, storedCount: number): { id: string; entry: SignalEntry } {
  if (body !== undefined && body !== null && (typeof body !== "object" || Array.isArray(body) || body.kind !== "dict")) {
    throw new SignalFormatError(`the body must be a JSON object such as {"status": "SUCCESS"}, got ${pyStr(body).slice(0, 80)}`);
  }
  const signalNumber = storedCount + 1;
  const fields = body ? body.entries : NO_FIELDS;
  const unknown = [...fields.keys()].filter((key) => !METADATA_KEYS.has(key));
  if (unknown.length > 0) {
    throw new SignalFormatError(`unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}; allowed keys are status, reason, data, id`);
  }
  const status = fields.has("status") ? fields.get("status") : "SUCCESS";
  if (status !== "SUCCESS" && status !== "FAILURE") {
    throw new SignalFormatError(`status must be "SUCCESS" or "FAILURE", got ${pyStr(status ?? null).slice(0, 80)}`);
  }
  const reason = fields.has("reason") ? (fields.get("reason") as PyValue) : `Signal ${signalNumber} received`;
  const data = fields.has("data") ? (fields.get("data") as PyValue) : null;
  const id = fields.has("id") ? pyStr(fields.get("id") as PyValue) : String(signalNumber);
  return { id, entry: { status, reason, data } };
}

/** Heat's WaitCondition `data` attribute: `json.dumps({id: data, ...})` in signal order. */
export function waitConditionData(signals: Iterable<[string, SignalEntry]>): string {
  const entries = new Map<string, PyValue>();
  for (const [id, entry] of signals) entries.set(id, entry.data);
  return pyJsonDumps({ kind: "dict", entries });
}

/** Heat's `get_status_reason(status)`: the reasons of the signals with that status, as text. */
export function reasonsWithStatus(signals: Iterable<[string, SignalEntry]>, status: SignalStatus): string[] {
  const reasons: string[] = [];
  for (const [, entry] of signals) if (entry.status === status) reasons.push(pyStr(entry.reason));
  return reasons;
}

/** Heat's WaitConditionTimeout text: "<k> of <count> received[ - r1;r2]", k = SUCCESS signals. */
export function timeoutSummary(successReasons: readonly string[], count: number): string {
  const base = `${successReasons.length} of ${count} received`;
  return successReasons.length > 0 ? `${base} - ${successReasons.join(";")}` : base;
}

/** Heat's WaitConditionFailure text: the FAILURE reasons joined by ";". */
export function failureSummary(failureReasons: readonly string[]): string {
  return failureReasons.join(";");
}

/**
 * Heat's `_wait` decision, minus the clock: any non-SUCCESS signal fails the wait, otherwise it
 * completes once the number of stored signals (distinct ids) reaches `count`.
 */
export function waitOutcome(statuses: readonly SignalStatus[], count: number): "failed" | "complete" | "waiting" {
  if (statuses.some((status) => status !== "SUCCESS")) return "failed";
  return statuses.length >= count ? "complete" : "waiting";
}

/** Heat's `curl_cli` attribute for TOKEN_SIGNAL, byte for byte. */
export function curlCli(token: string, endpoint: string): string {
  return `curl -i -X POST -H 'X-Auth-Token: ${token}' -H 'Content-Type: application/json' -H 'Accept: application/json' ${endpoint}`;
}
