import { readHandle } from "../../src/signal/client";
import { SignalReceiver } from "../../src/signal/server";
import { connectionOf, curlSignal, newHandle, request, sh, startTestReceiver } from "./helpers";
import { curlCli } from "../../src/signal/metadata";

describe("signal receiver over HTTP on 127.0.0.1", () => {
  let receiver: SignalReceiver;
  let logs: string[];
  beforeAll(async () => {
    ({ receiver, logs } = await startTestReceiver());
  });
  afterAll(() => receiver.close());
  const admin = () => ({ Authorization: `Bearer ${receiver.adminToken}` });

  test("the seed's wc_notify line, run by the real curl after str_replace, signals SUCCESS", async () => {
    const handle = await newHandle(receiver);
    // heat_2d: str_replace {template: "... wc_notify --data-binary '{\"status\": \"SUCCESS\"}'", params: {wc_notify: curl_cli}}
    const script = `wc_notify --data-binary '{"status": "SUCCESS"}'`.replace("wc_notify", curlCli(handle.token, handle.endpoint));
    const { stdout } = await sh(`${script} -s`);
    expect(stdout.split("\r\n")[0]).toEqual("HTTP/1.1 200 OK");
    const state = await readHandle(connectionOf(receiver), handle.id);
    expect(state?.statuses).toEqual(["SUCCESS"]);
    expect(state?.data).toEqual('{"1": null}');
    expect(state?.successReasons).toEqual(["Signal 1 received"]);
  });

  test("an empty body and missing fields take Heat's defaults; a repeated id replaces in place", async () => {
    const handle = await newHandle(receiver);
    expect(await curlSignal(handle)).toEqual({ status: 200, body: { id: "1", status: "SUCCESS", reason: "Signal 1 received", replaced: false } });
    expect(await curlSignal(handle, '{"id": "web", "data": {"ip": "10.0.0.5"}}')).toEqual({
      status: 200,
      body: { id: "web", status: "SUCCESS", reason: "Signal 2 received", replaced: false },
    });
    expect(await curlSignal(handle, '{"id": "1", "data": 2.0, "reason": "again"}')).toEqual({ status: 200, body: { id: "1", status: "SUCCESS", reason: "again", replaced: true } });
    // The default id counts stored signals (2 distinct ids), as Heat's len(metadata) + 1 does.
    expect(await curlSignal(handle, "{}")).toEqual({ status: 200, body: { id: "3", status: "SUCCESS", reason: "Signal 3 received", replaced: false } });
    const state = await readHandle(connectionOf(receiver), handle.id);
    expect(state?.data).toEqual('{"1": 2.0, "web": {"ip": "10.0.0.5"}, "3": null}');
    expect(state?.signalCount).toEqual(3);
  });

  test("wrong or missing token: 401 without saying whether the handle exists; tokens never logged", async () => {
    const handle = await newHandle(receiver);
    const wrong = await curlSignal({ ...handle, token: "not-the-token" }, '{"status": "SUCCESS"}');
    const unknownHandle = await curlSignal({ token: handle.token, endpoint: handle.endpoint.replace(handle.id, "00000000-0000-4000-8000-000000000000") }, "{}");
    const missing = await request(handle.endpoint, { method: "POST", body: "{}" });
    const expected = {
      code: 401,
      title: "Unauthorized",
      explanation: "a valid X-Auth-Token header for this endpoint is required",
      error: { type: "Unauthorized", message: "a valid X-Auth-Token header for this endpoint is required" },
    };
    expect([wrong, unknownHandle, { status: missing.status, body: missing.body }]).toEqual([
      { status: 401, body: expected },
      { status: 401, body: expected },
      { status: 401, body: expected },
    ]);
    expect((await readHandle(connectionOf(receiver), handle.id))?.signalCount).toEqual(0);
    expect(logs.join("\n")).not.toContain(handle.token);
    expect(logs.join("\n")).not.toContain(receiver.adminToken);
  });

  test("an unknown handle is a 404 only for a caller holding the admin token", async () => {
    const endpoint = `${receiver.url}/v1/handles/00000000-0000-4000-8000-000000000000/signal`;
    const withAdmin = await request(endpoint, { method: "POST", headers: { ...admin(), "X-Auth-Token": "x" }, body: "{}" });
    const withWrongAdmin = await request(endpoint, { method: "POST", headers: { Authorization: "Bearer nope", "X-Auth-Token": "x" }, body: "{}" });
    expect([withAdmin.status, withAdmin.body.explanation]).toEqual([404, "there is no handle 00000000-0000-4000-8000-000000000000 on this receiver"]);
    expect(withWrongAdmin.status).toEqual(401);
    const show = await request(`${receiver.url}/v1/handles/00000000-0000-4000-8000-000000000000`, { headers: admin() });
    expect(show.status).toEqual(404);
    const showNoAdmin = await request(`${receiver.url}/v1/handles/00000000-0000-4000-8000-000000000000`);
    expect(showNoAdmin.status).toEqual(401);
  });

  test("bodies over 64 KiB are 413, declared or streamed", async () => {
    const handle = await newHandle(receiver);
    const big = JSON.stringify({ status: "SUCCESS", data: "x".repeat(70_000) });
    const declared = await request(handle.endpoint, { method: "POST", headers: { "X-Auth-Token": handle.token }, body: big });
    expect([declared.status, declared.body.title]).toEqual([413, "Request Entity Too Large"]);
    const { stdout } = await sh(`head -c 70000 /dev/zero | tr '\\0' ' ' | ${curlCli(handle.token, handle.endpoint)} -s -H 'Transfer-Encoding: chunked' --data-binary @-`);
    expect(stdout.split("\r\n")[0]).toEqual("HTTP/1.1 413 Payload Too Large");
    const justFits = JSON.stringify({ data: "y".repeat(65_536 - 11) });
    expect(Buffer.byteLength(justFits)).toEqual(65_536);
    expect((await request(handle.endpoint, { method: "POST", headers: { "X-Auth-Token": handle.token }, body: justFits })).status).toEqual(200);
    expect((await readHandle(connectionOf(receiver), handle.id))?.signalCount).toEqual(1);
  });

  test.each([
    ['{"status": "SUCCESS"', "the body is not valid JSON: Expecting ',' delimiter at offset 20"],
    ["status=SUCCESS", "the body is not valid JSON: Expecting value at offset 0"],
    ['{"status": "DONE"}', 'Metadata format invalid: status must be "SUCCESS" or "FAILURE", got DONE'],
    ['{"status": "SUCCESS", "extra": 1}', 'Metadata format invalid: unknown key(s) "extra"; allowed keys are status, reason, data, id'],
    ["[1]", 'Metadata format invalid: the body must be a JSON object such as {"status": "SUCCESS"}, got [1]'],
  ])("400 for body %s", async (body, explanation) => {
    const handle = await newHandle(receiver);
    const answer = await curlSignal(handle, body);
    expect(answer).toEqual({ status: 400, body: { code: 400, title: "Bad Request", explanation, error: { type: "BadRequest", message: explanation } } });
    expect((await readHandle(connectionOf(receiver), handle.id))?.signalCount).toEqual(0);
  });

  test("wrong methods are 405 with Allow", async () => {
    const handle = await newHandle(receiver);
    const get = await request(handle.endpoint, { headers: { "X-Auth-Token": handle.token } });
    expect([get.status, get.headers.get("allow"), get.body.title]).toEqual([405, "POST", "Method Not Allowed"]);
    const put = await request(`${receiver.url}/v1/handles`, { method: "PUT", headers: admin() });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "POST"]);
  });

  test("admin API: register needs the admin token; delete stops the token working", async () => {
    const denied = await request(`${receiver.url}/v1/handles`, { method: "POST", body: '{"name": "x"}' });
    expect(denied.status).toEqual(401);
    const handle = await newHandle(receiver, "flasky_wait_handle");
    expect(handle.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(handle.endpoint).toEqual(`${receiver.url}/v1/handles/${handle.id}/signal`);
    expect((await request(`${receiver.url}/v1/handles/${handle.id}`, { method: "DELETE", headers: admin() })).status).toEqual(204);
    expect((await curlSignal(handle, "{}")).status).toEqual(401);
  });

  test("a long-poll returns as soon as enough signals arrived, or a FAILURE did", async () => {
    const handle = await newHandle(receiver);
    const started = Date.now();
    const waiting = readHandle(connectionOf(receiver), handle.id, 2, 10_000);
    await curlSignal(handle, '{"id": "a"}');
    await curlSignal(handle, '{"id": "b"}');
    expect((await waiting)?.signalCount).toEqual(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    const failing = readHandle(connectionOf(receiver), handle.id, 5, 10_000);
    await curlSignal(handle, '{"status": "FAILURE", "reason": "yum failed"}');
    expect((await failing)?.failureReasons).toEqual(["yum failed"]);
  });
});

describe("embedded in a program", () => {
  test("with unref, the receiver does not keep the program's process alive", async () => {
    const { execFile } = await import("child_process");
    const { promisify } = await import("util");
    const { tempDir } = await import("./helpers");
    const script = `require(${JSON.stringify(require.resolve("../../src/signal/server"))})
      .startSignalReceiver({ dataDir: ${JSON.stringify(tempDir())}, unref: true })
      .then((r) => fetch(r.url + "/healthz")).then((res) => res.json()).then((body) => console.log(JSON.stringify(body)));`;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ ok: true, handles: 0 });
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);
});
