/**
 * Parameters against Heat itself: test/fixtures/parameters/expected.json holds what Heat 19 answers
 * (written by heat-parameters-expected.py with Debian's python3-heat) for each case of cases.json:
 * the value get_param returns, or the error of validating the parameter. heatshift's message must
 * contain Heat's (it may add what was found and where it came from).
 */
import { Diagnostics } from "../../src/hot/diagnostics";
import { parseParameterDefinitions, resolveParameters } from "../../src/hot/parameters";
import { hotVersion } from "../../src/hot/versions";
import cases from "../fixtures/parameters/cases.json";
import expected from "../fixtures/parameters/expected.json";

type Answer = { value: unknown } | { error: string };

/** Where heatshift answers differently on purpose, and why. */
const DEVIATIONS: Record<string, { readonly answer: Answer; readonly why: string }> = {
  "json bad": {
    answer: {
      error: "Parameter 'p' is invalid: Value must be valid JSON: Expected property name or '}' in JSON at position 1 (value \"{x\" from the given parameters)",
    },
    why: "the JSON parser's own words follow Heat's prefix (JavaScript's parser, not Python's)",
  },
};

function heatshiftAnswer(c: (typeof cases)[number]): Answer {
  const d = new Diagnostics();
  const version = hotVersion("version" in c ? (c.version as string) : "2016-10-14")!;
  const defs = parseParameterDefinitions({ p: c.schema }, version, "case.yaml", d);
  const resolved = resolveParameters(defs, { values: "value" in c ? { p: c.value } : {} }, d);
  return d.hasErrors ? { error: d.errors[0].message } : { value: resolved.get("p")!.value };
}

describe("parameters agree with Heat 19", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const heat = (expected as Record<string, Answer>)[name];
    const ours = heatshiftAnswer(c);
    if (name in DEVIATIONS) {
      expect("error" in heat).toBe(true);
      expect(ours).toEqual(DEVIATIONS[name].answer);
    } else if ("value" in heat) {
      expect(ours).toEqual(heat);
    } else {
      expect("error" in ours ? ours.error : ours).toContain(heat.error);
    }
  });
});
