import { curlCli, normaliseSignal, reasonsWithStatus, SignalEntry, SignalFormatError, timeoutSummary, waitConditionData, waitOutcome } from "../../src/signal/metadata";
import { parsePyJson } from "../../src/signal/pyjson";

const normalise = (body: string | undefined, stored = 0) => normaliseSignal(body === undefined ? undefined : parsePyJson(body), stored);

describe("normaliseSignal (Heat's normalise_signal_data + _metadata_format_ok)", () => {
  test.each([
    [undefined, 0, { id: "1", entry: { status: "SUCCESS", reason: "Signal 1 received", data: null } }],
    ["{}", 2, { id: "3", entry: { status: "SUCCESS", reason: "Signal 3 received", data: null } }],
    ["null", 0, { id: "1", entry: { status: "SUCCESS", reason: "Signal 1 received", data: null } }],
    ['{"status": "SUCCESS"}', 0, { id: "1", entry: { status: "SUCCESS", reason: "Signal 1 received", data: null } }],
    ['{"status": "FAILURE", "reason": "pip failed"}', 4, { id: "5", entry: { status: "FAILURE", reason: "pip failed", data: null } }],
    ['{"id": 7, "data": "x"}', 0, { id: "7", entry: { status: "SUCCESS", reason: "Signal 1 received", data: "x" } }],
    ['{"id": null, "reason": null}', 0, { id: "None", entry: { status: "SUCCESS", reason: null, data: null } }],
    ['{"id": 1.0}', 0, { id: "1.0", entry: { status: "SUCCESS", reason: "Signal 1 received", data: null } }],
    ['{"id": [1, "a"]}', 0, { id: "[1, 'a']", entry: { status: "SUCCESS", reason: "Signal 1 received", data: null } }],
  ])("body %s with %d stored", (body, stored, expected) => {
    expect(normalise(body, stored)).toEqual(expected);
  });

  test.each([
    ['{"status": "DONE"}', 'Metadata format invalid: status must be "SUCCESS" or "FAILURE", got DONE'],
    ['{"status": "success"}', 'Metadata format invalid: status must be "SUCCESS" or "FAILURE", got success'],
    ['{"status": null}', 'Metadata format invalid: status must be "SUCCESS" or "FAILURE", got None'],
    ['{"Status": "SUCCESS"}', 'Metadata format invalid: unknown key(s) "Status"; allowed keys are status, reason, data, id'],
    ['[{"status": "SUCCESS"}]', 'Metadata format invalid: the body must be a JSON object such as {"status": "SUCCESS"}, got [{\'status\': \'SUCCESS\'}]'],
    ['"SUCCESS"', 'Metadata format invalid: the body must be a JSON object such as {"status": "SUCCESS"}, got SUCCESS'],
  ])("rejects %s", (body, message) => {
    expect(() => normalise(body)).toThrow(new SignalFormatError(message.replace("Metadata format invalid: ", "")));
    expect(() => normalise(body)).toThrow(message);
  });
});

describe("WaitCondition data, reasons and outcome", () => {
  const signals: [string, SignalEntry][] = [
    ["web-2", { status: "SUCCESS", reason: "Signal 1 received", data: parsePyJson('{"ip": "10.0.0.5"}') }],
    ["1", { status: "SUCCESS", reason: "ok", data: "hello" }],
    ["3", { status: "FAILURE", reason: "disk full", data: null }],
    ["4", { status: "FAILURE", reason: parsePyJson("42"), data: null }],
  ];

  test("data keeps arrival order and Python's formatting", () => {
    expect(waitConditionData(signals)).toEqual('{"web-2": {"ip": "10.0.0.5"}, "1": "hello", "3": null, "4": null}');
    expect(waitConditionData([["1", { status: "SUCCESS", reason: "Signal 1 received", data: null }]])).toEqual('{"1": null}');
    expect(waitConditionData([])).toEqual("{}");
  });

  test("reasons by status, as text", () => {
    expect(reasonsWithStatus(signals, "SUCCESS")).toEqual(["Signal 1 received", "ok"]);
    expect(reasonsWithStatus(signals, "FAILURE")).toEqual(["disk full", "42"]);
  });

  test("timeout summary is Heat's", () => {
    expect(timeoutSummary([], 1)).toEqual("0 of 1 received");
    expect(timeoutSummary(["Signal 1 received", "ok"], 3)).toEqual("2 of 3 received - Signal 1 received;ok");
  });

  test.each([
    [[], 1, "waiting"],
    [["SUCCESS"], 1, "complete"],
    [["SUCCESS"], 2, "waiting"],
    [["SUCCESS", "SUCCESS", "SUCCESS"], 2, "complete"],
    [["SUCCESS", "FAILURE"], 1, "failed"],
  ] as const)("statuses %j with count %d → %s", (statuses, count, outcome) => {
    expect(waitOutcome(statuses, count)).toEqual(outcome);
  });

  test("curl_cli is Heat's format", () => {
    expect(curlCli("tok", "http://127.0.0.1:8000/v1/handles/h/signal")).toEqual(
      "curl -i -X POST -H 'X-Auth-Token: tok' -H 'Content-Type: application/json' -H 'Accept: application/json' http://127.0.0.1:8000/v1/handles/h/signal",
    );
  });
});
