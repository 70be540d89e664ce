/**
 * The converted program and the run-time import (HotStack) of the same template, run under the
 * same mocks, create the same cloud resources with the same inputs and the same dependencies
 * (between cloud resources, by type), and export the same outputs.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "../components/mockCloud";
import { convertTemplate } from "../../src/convert/emit";
import { compareWithHotStack } from "./support";

const repo = path.resolve(__dirname, "..", "..");
const tutorial = "/work/shared/hot-corpus/miguelgrinberg__heat-tutorial";
const parameters = { gmail_username: "flasky.admin", gmail_password: "p@ss w0rd$&\\1" };

const templates: Readonly<Record<string, string>> = {
  heat_2a: path.join(tutorial, "heat_2a.yaml"),
  heat_2b: path.join(tutorial, "heat_2b.yaml"),
  heat_2c: path.join(tutorial, "heat_2c.yaml"),
  heat_2d: path.join(tutorial, "heat_2d.yaml"),
  "security-group": path.join(repo, "test", "fixtures", "convert", "templates", "security-group.yaml"),
  network: path.join(repo, "test", "fixtures", "convert", "templates", "network.yaml"),
  conditions: path.join(repo, "test", "fixtures", "convert", "templates", "conditions.yaml"),
  group: path.join(repo, "test", "fixtures", "convert", "templates", "group.yaml"),
  "floating-ip": path.join(repo, "test", "fixtures", "convert", "templates", "floating-ip.yaml"),
};

describe.each(Object.keys(templates))("%s: converted program ≡ HotStack under mocks", (name) => {
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await MockCloud.install();
    process.env.HEATSHIFT_SIGNAL_URL = "http://127.0.0.1:8000";
    process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN = "admin-secret";
    for (const [key, value] of Object.entries(parameters)) pulumi.runtime.setConfig(`heatshift:${key}`, value);
  });
  afterAll(() => {
    delete process.env.HEATSHIFT_SIGNAL_URL;
    delete process.env.HEATSHIFT_SIGNAL_ADMIN_TOKEN;
  });
  test("same resources, inputs, dependencies and outputs", async () => {
    const template = templates[name];
    const program = convertTemplate({ templateFile: template }).program!;
    const { resources, differences } = await compareWithHotStack(mock, template, ["heat_2b", "heat_2c", "heat_2d"].includes(name) ? parameters : {}, program);
    expect(differences).toEqual([]);
    expect(resources.length).toEqual(({ heat_2a: 1, heat_2b: 2, heat_2c: 14, heat_2d: 16, "security-group": 5, network: 6, conditions: 4, group: 5, "floating-ip": 3 } as Record<string, number>)[name]);
  }, 120_000);
});
