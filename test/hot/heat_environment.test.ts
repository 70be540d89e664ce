/**
 * Environment semantics against Heat itself: test/fixtures/environment/expected.json holds Heat 19's
 * answers (written by heat-environment-expected.py with Debian's python3-heat) for the registry
 * lookups and environment merges of cases.json.
 */
import { Diagnostics } from "../../src/hot/diagnostics";
import { EnvironmentFile, mergeEnvironments, parseEnvironmentFile } from "../../src/hot/environment";
import type { ParameterType } from "../../src/hot/constraints";
import { HEAT_RESOURCE_TYPES } from "../../src/registry/heatTypes";
import cases from "../fixtures/environment/cases.json";
import expected from "../fixtures/environment/expected.json";

type RegistryAnswer = { type: string } | { template: string } | { error: string };
type MergeAnswer = { parameters: Record<string, unknown>; parameter_defaults: Record<string, unknown> } | { error: string };

const BASE = "/envs";

describe("resource registry lookups agree with Heat's get_resource_info", () => {
  it.each(cases.registry.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const file = `${BASE}/env.yaml`;
    const env: EnvironmentFile = {
      file,
      baseDir: BASE,
      parameters: {},
      parameterDefaults: {},
      resourceRegistry: c.registry,
      eventSinks: [],
      encryptedParamNames: [],
      mergeStrategies: {},
    };
    const registry = mergeEnvironments([env], {}, new Map(), new Diagnostics()).registry;
    let answer: RegistryAnswer;
    try {
      const found = registry.resolve(c.type, {
        resourceName: "resource" in c ? (c.resource as string) : undefined,
        templateDir: BASE,
        isKnownType: (t) => HEAT_RESOURCE_TYPES.has(t),
      });
      // Heat keeps template names as written (heatclient made them absolute URLs before); heatshift resolves them.
      answer = found.kind === "type" ? { type: found.type } : { template: found.template.replace(`${BASE}/`, "") };
    } catch (e) {
      answer = { error: (e as Error).message };
    }
    expect(answer).toEqual((expected.registry as Record<string, RegistryAnswer>)[name]);
  });
});

describe("environment merges agree with Heat's merge_environments", () => {
  it.each(cases.merge.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const d = new Diagnostics();
    const files = c.files.map((text, i) => parseEnvironmentFile(text, `env${i}.yaml`, d) as EnvironmentFile);
    const types = new Map(Object.entries(c.types) as [string, ParameterType][]);
    const merged = mergeEnvironments(files, c.cli, types, d);
    const answer: MergeAnswer = d.hasErrors
      ? { error: d.errors[0].message }
      : { parameters: merged.parameters, parameter_defaults: merged.parameterDefaults };
    expect(answer).toEqual((expected.merge as Record<string, MergeAnswer>)[name]);
  });
});
