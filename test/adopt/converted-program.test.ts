/**
 * The import document and the converted program agree: under mocks, the program `heatshift
 * convert` writes for heat_2d registers every resource of adopt's document with the same type,
 * name and parent (so `pulumi import` puts each at the URN the program will claim), and what it
 * registers beyond the document is exactly what adopt reports as not importable.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { MockCloud } from "../components/mockCloud";
import { adoptStack } from "../../src/adopt/importDocument";
import { convertTemplate } from "../../src/convert/emit";

const repo = path.resolve(__dirname, "..", "..");
const abandon = path.join(repo, "test", "fixtures", "adopt", "heat_2d.abandon.json");

/** Evaluates the generated program here, its `heatshift/...` modules taken from this repository. */
function evaluate(program: string): void {
  const source = program.replace(/from "heatshift\//g, `from "${repo}/`);
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  const exports = {};
  new Function("exports", "require", outputText)(exports, require);
}

test("heat_2d: the document's entries are the converted program's registrations (type, name, parent); the rest is what adopt reports", async () => {
  const mock = await MockCloud.install();
  process.env.HEATSHIFT_SIGNAL_URL = "http://127.0.0.1:8000";
  process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN = "admin-secret";
  pulumi.runtime.setConfig("heatshift:gmail_username", "flasky.admin");
  pulumi.runtime.setConfig("heatshift:gmail_password", "secret");
  try {
    evaluate(convertTemplate({ templateFile: path.join(repo, "test", "fixtures", "flasky", "heat_2d.yaml") }).program!);
    await mock.settle();
  } finally {
    delete process.env.HEATSHIFT_SIGNAL_URL;
    delete process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
  }
  const ids = { "private_network-router-interface": "p", ...Object.fromEntries([0, 1, 2, 3].map((i) => [`web_server_security_group-rule-${i}`, `r${i}`])) };
  const { document } = adoptStack({ heatFile: abandon, ids });
  const entries = new Map(document!.resources.map((r) => [r.name, r]));
  const fromDocument = document!.resources.map((r) => {
    const parent = r.parent === undefined ? "" : `${entries.get(r.parent)!.type}::${entries.get(r.parent)!.logicalName ?? r.parent}`;
    return `${r.type}::${r.logicalName ?? r.name} in ${parent}`;
  });
  const registered = mock.registrations.map((r) => `${r.type}::${r.name} in ${r.parent}`);
  expect(registered.filter((r) => !fromDocument.includes(r)).sort()).toEqual(
    [
      "heatshift:heat:RandomString::flask_secret_key in ",
      "heatshift:openstack:WaitCondition::wait_condition in ",
      "heatshift:openstack:WaitConditionHandle::wait_handle in ",
      "pulumi-nodejs:dynamic/heatshift:RandomString::flask_secret_key in heatshift:heat:RandomString::flask_secret_key",
      "pulumi-nodejs:dynamic/heatshift:SignalHandle::wait_handle-handle in heatshift:openstack:WaitConditionHandle::wait_handle",
      "pulumi-nodejs:dynamic/heatshift:SignalWait::wait_condition-wait in heatshift:openstack:WaitCondition::wait_condition",
    ].sort(),
  );
  expect(fromDocument.filter((r) => !registered.includes(r))).toEqual([]);
  expect(fromDocument).toHaveLength(17);
  // The warnings name the components left out with their real type tokens.
  const left = adoptStack({ heatFile: abandon, ids }).problems.filter((p) => p.message.includes(" is not imported")).map((p) => p.message.split(" is not imported")[0]);
  expect(left).toEqual(["heatshift:openstack:WaitCondition wait_condition", "heatshift:openstack:WaitConditionHandle wait_handle", "heatshift:heat:RandomString flask_secret_key"]);
}, 120_000);
