import { HotError } from "../../src/hot/diagnostics";
import { acceptedVersionValues, detectVersion, HOT_VERSION_DATES, hotVersion } from "../../src/hot/versions";

function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof HotError) return e.message;
    throw e;
  }
  throw new Error("expected a HotError");
}

describe("heat_template_version values (Heat 19 setup.cfg)", () => {
  it.each([
    ["2013-05-23", "2013-05-23", "HOTemplate20130523"],
    ["2014-10-16", "2014-10-16", "HOTemplate20141016"],
    ["2015-04-30", "2015-04-30", "HOTemplate20150430"],
    ["2015-10-15", "2015-10-15", "HOTemplate20151015"],
    ["2016-04-08", "2016-04-08", "HOTemplate20160408"],
    ["2016-10-14", "2016-10-14", "HOTemplate20161014"],
    ["newton", "2016-10-14", "HOTemplate20161014"],
    ["2017-02-24", "2017-02-24", "HOTemplate20170224"],
    ["ocata", "2017-02-24", "HOTemplate20170224"],
    ["2017-09-01", "2017-09-01", "HOTemplate20170901"],
    ["pike", "2017-09-01", "HOTemplate20170901"],
    ["2018-03-02", "2018-03-02", "HOTemplate20180302"],
    ["queens", "2018-03-02", "HOTemplate20180302"],
    ["2018-08-31", "2018-08-31", "HOTemplate20180831"],
    ["rocky", "2018-08-31", "HOTemplate20180831"],
    ["2021-04-16", "2021-04-16", "HOTemplate20210416"],
    ["wallaby", "2021-04-16", "HOTemplate20210416"],
  ])("%s is %s (%s)", (written, date, heatClass) => {
    const v = hotVersion(written);
    expect(v && { date: v.date, written: v.written, heatClass: v.heatClass }).toEqual({ date, written, heatClass });
  });

  it.each(["mitaka", "Newton", "2016-10-14 ", "2016.10.14", "2022-01-01", "kilo", "toString", "constructor"])(
    "%j is not a version",
    (written) => {
      expect(hotVersion(written)).toBeUndefined();
    },
  );

  it("lists the accepted values in Heat's sorted order", () => {
    expect(acceptedVersionValues()).toEqual([...HOT_VERSION_DATES, "newton", "ocata", "pike", "queens", "rocky", "wallaby"]);
  });
});

describe("what each version allows", () => {
  const table = HOT_VERSION_DATES.map((date) => {
    const v = hotVersion(date)!;
    return [
      date,
      v.sections.includes("conditions"),
      v.resourceKeys.includes("condition") && v.resourceKeys.includes("external_id"),
      v.outputKeys.includes("condition"),
      "retain" in v.deletionPolicies,
      v.hasModulo,
      v.parameterKeys.includes("tags"),
    ];
  });

  it("conditions/external_id/lowercase policies from 2016-10-14, modulo from 2017-02-24, tags from 2018-03-02", () => {
    expect(table).toEqual([
      ["2013-05-23", false, false, false, false, false, false],
      ["2014-10-16", false, false, false, false, false, false],
      ["2015-04-30", false, false, false, false, false, false],
      ["2015-10-15", false, false, false, false, false, false],
      ["2016-04-08", false, false, false, false, false, false],
      ["2016-10-14", true, true, true, true, false, false],
      ["2017-02-24", true, true, true, true, true, false],
      ["2017-09-01", true, true, true, true, true, false],
      ["2018-03-02", true, true, true, true, true, true],
      ["2018-08-31", true, true, true, true, true, true],
      ["2021-04-16", true, true, true, true, true, true],
    ]);
  });

  it("has Heat's base keys in every version", () => {
    const v = hotVersion("2013-05-23")!;
    expect(v.sections).toEqual(["heat_template_version", "description", "parameter_groups", "parameters", "resources", "outputs"]);
    expect(v.resourceKeys).toEqual(["type", "properties", "metadata", "depends_on", "deletion_policy", "update_policy", "description"]);
    expect(v.outputKeys).toEqual(["description", "value"]);
    expect(v.parameterKeys).toEqual(["type", "description", "default", "schema", "constraints", "hidden", "label", "immutable"]);
    expect(v.deletionPolicies).toEqual({ Delete: "Delete", Retain: "Retain", Snapshot: "Snapshot" });
  });
});

describe("detectVersion (Heat's get_version / get_template_class)", () => {
  it("finds the version", () => {
    expect(detectVersion({ heat_template_version: "pike" }, "t.yaml").date).toBe("2017-09-01");
  });

  it.each([
    [
      { heat_template_version: "2016-10-15" },
      'The template version is invalid: "heat_template_version: 2016-10-15". "heat_template_version" should be one of: 2013-05-23, 2014-10-16, 2015-04-30, 2015-10-15, 2016-04-08, 2016-10-14, 2017-02-24, 2017-09-01, 2018-03-02, 2018-08-31, 2021-04-16, newton, ocata, pike, queens, rocky, wallaby',
    ],
    [{ heat_template_version: 2013 }, "The template version is invalid: Template version was not provided (heat_template_version is 2013, not a string: quote it)"],
    [{ description: "x" }, "The template version is invalid: Template version was not provided"],
    [
      { heat_template_version: "2013-05-23", AWSTemplateFormatVersion: "2010-09-09" },
      "The template version is invalid: Ambiguous versions (heat_template_version, AWSTemplateFormatVersion)",
    ],
    [
      { HeatTemplateFormatVersion: "2012-12-12" },
      "HeatTemplateFormatVersion: 2012-12-12 is a CloudFormation-format template; heatshift reads HOT templates (heat_template_version) only",
    ],
  ])("rejects %j", (root, message) => {
    expect(thrownMessage(() => detectVersion(root, "t.yaml"))).toBe(message);
  });
});
