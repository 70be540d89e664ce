/**
 * The functions of each `heat_template_version`, exactly as Heat's template classes
 * (heat/engine/hot/template.py, Zed) register them: which names are functions, which variant of a
 * function each version uses, which names are registered as removed, and which functions a
 * condition may use. Each version lists its whole table, like Heat's classes do, so a table can be
 * read (and checked against Heat) on its own.
 */
import { and } from "./and";
import { cfnBase64 } from "./cfn_base64";
import { cfnGetAZs } from "./cfn_get_azs";
import { cfnMemberListToMap } from "./cfn_member_list_to_map";
import { cfnRef } from "./cfn_ref";
import { cfnSelect } from "./cfn_select";
import { cfnSplit } from "./cfn_split";
import { containsDefinition } from "./contains";
import { digestDefinition } from "./digest";
import { equals } from "./equals";
import { filterDefinition } from "./filter";
import { getAtt, getAttAllAttributes, getAttThenSelect } from "./get_attr";
import { getFile } from "./get_file";
import { getParam } from "./get_param";
import { getResource } from "./get_resource";
import { ifDefinition, ifNullable } from "./if";
import { listConcatDefinition, listConcatUniqueDefinition } from "./list_concat";
import { cfnJoin, join, joinMultipleDefinition } from "./list_join";
import { makeUrlDefinition } from "./make_url";
import { mapMergeDefinition } from "./map_merge";
import { mapReplaceDefinition } from "./map_replace";
import { not } from "./not";
import { or } from "./or";
import { repeatLists, repeatWithMap, repeatWithNestedLoop } from "./repeat";
import { cfnResourceFacade, resourceFacade } from "./resource_facade";
import { cfnReplace, replace, replaceJson, replaceJsonStrict, replaceJsonVeryStrict } from "./str_replace";
import { strSplitDefinition } from "./str_split";
import { FunctionDefinition } from "./types";
import { yaql } from "./yaql";
import { HOT_RELEASE_NAMES, HOT_VERSION_DATES } from "../versions";

/** The functions of one template version. */
export interface VersionFunctions {
  /** The version's date, e.g. `2016-10-14`. */
  readonly version: string;
  /** Heat's template class, e.g. `HOTemplate20161014`. */
  readonly heatClass: string;
  /** Function name → definition, for values (properties, metadata, outputs...). */
  readonly functions: ReadonlyMap<string, FunctionDefinition>;
  /** Names Heat registers as `Removed`: using them is an error (also inside conditions). */
  readonly removed: ReadonlySet<string>;
  /** Function name → definition, for conditions; empty before 2016-10-14. */
  readonly conditionFunctions: ReadonlyMap<string, FunctionDefinition>;
  /** Whether the version has the `conditions` section and `condition` fields (from 2016-10-14). */
  readonly hasConditions: boolean;
}

type Table = Record<string, FunctionDefinition>;

const CFN_2013: Table = {
  "Fn::GetAZs": cfnGetAZs,
  Ref: cfnRef,
  "Fn::Select": cfnSelect,
  "Fn::Join": cfnJoin,
  "Fn::Split": cfnSplit,
  "Fn::Replace": cfnReplace,
  "Fn::Base64": cfnBase64,
  "Fn::MemberListToMap": cfnMemberListToMap,
  "Fn::ResourceFacade": cfnResourceFacade,
};

/** Removed from 2014-10-16 (Fn::Select stays until 2015-04-30). */
const REMOVED_2014 = ["Fn::GetAZs", "Fn::Join", "Fn::Split", "Fn::Replace", "Fn::Base64", "Fn::MemberListToMap", "Fn::ResourceFacade", "Ref"];
const REMOVED_2015 = ["Fn::Select", ...REMOVED_2014];

const V2013: Table = {
  get_param: getParam,
  get_resource: getResource,
  get_attr: getAttThenSelect,
  list_join: join,
  str_replace: replace,
  resource_facade: resourceFacade,
  get_file: getFile,
  ...CFN_2013,
};

const V2014: Table = {
  get_attr: getAtt,
  get_file: getFile,
  get_param: getParam,
  get_resource: getResource,
  list_join: join,
  resource_facade: resourceFacade,
  str_replace: replace,
  "Fn::Select": cfnSelect,
};

const V2015A: Table = { ...V2014, repeat: repeatLists, digest: digestDefinition };

const V2015B: Table = {
  get_attr: getAttAllAttributes,
  get_file: getFile,
  get_param: getParam,
  get_resource: getResource,
  list_join: joinMultipleDefinition,
  repeat: repeatLists,
  resource_facade: resourceFacade,
  str_replace: replaceJson,
  digest: digestDefinition,
  str_split: strSplitDefinition,
};

const V2016A: Table = { ...V2015B, map_merge: mapMergeDefinition };

const V2016B: Table = { ...V2016A, repeat: repeatWithMap, yaql, map_replace: mapReplaceDefinition, if: ifDefinition };

const V2017A: Table = { ...V2016B, filter: filterDefinition, str_replace_strict: replaceJsonStrict };

const V2017B: Table = {
  ...V2017A,
  repeat: repeatWithNestedLoop,
  make_url: makeUrlDefinition,
  list_concat: listConcatDefinition,
  str_replace_vstrict: replaceJsonVeryStrict,
  list_concat_unique: listConcatUniqueDefinition,
  contains: containsDefinition,
};

const V2021: Table = { ...V2017B, if: ifNullable };

const CONDITIONS_2016: Table = { get_param: getParam, equals, not, and, or };
const CONDITIONS_2017: Table = { ...CONDITIONS_2016, yaql, contains: containsDefinition };

function version(date: string, functions: Table, removed: readonly string[], conditions: Table | undefined): VersionFunctions {
  return {
    version: date,
    heatClass: `HOTemplate${date.replace(/-/g, "")}`,
    functions: new Map(Object.entries(functions)),
    removed: new Set(removed),
    conditionFunctions: new Map(Object.entries(conditions ?? {})),
    hasConditions: conditions !== undefined,
  };
}

const TABLES: ReadonlyMap<string, VersionFunctions> = new Map(
  [
    version("2013-05-23", V2013, [], undefined),
    version("2014-10-16", V2014, REMOVED_2014, undefined),
    version("2015-04-30", V2015A, REMOVED_2014, undefined),
    version("2015-10-15", V2015B, REMOVED_2015, undefined),
    version("2016-04-08", V2016A, REMOVED_2015, undefined),
    version("2016-10-14", V2016B, REMOVED_2015, CONDITIONS_2016),
    version("2017-02-24", V2017A, REMOVED_2015, CONDITIONS_2016),
    version("2017-09-01", V2017B, REMOVED_2015, CONDITIONS_2017),
    version("2018-03-02", V2017B, REMOVED_2015, CONDITIONS_2017),
    version("2018-08-31", V2017B, REMOVED_2015, CONDITIONS_2017),
    version("2021-04-16", V2021, REMOVED_2015, CONDITIONS_2017),
  ].map((table) => [table.version, table]),
);

/** Every name that is a function (or condition function) in some version. */
const FUNCTION_NAMES: ReadonlySet<string> = new Set(
  [...TABLES.values()].flatMap((table) => [...table.functions.keys(), ...table.conditionFunctions.keys()]),
);

/** Whether a name is a function (or condition function) in some HOT version. */
export function isFunctionName(name: string): boolean {
  return FUNCTION_NAMES.has(name);
}

/** The functions of a version given by date or release name; `undefined` for anything else (exact strings only). */
export function functionsForVersion(version: string): VersionFunctions | undefined {
  return TABLES.get(HOT_RELEASE_NAMES[version] ?? version);
}

/** Where a name is a function: the first and (when removed later) last version, and whether only in conditions. */
export interface FunctionAvailability {
  /** First version that has it (as a value or condition function), `undefined` if none. */
  readonly from?: string;
  /** Last version that has it, when a later version removed it. */
  readonly until?: string;
  /** True when no version has it outside conditions (equals, not, and, or). */
  readonly conditionOnly: boolean;
}

/** For error messages about a function used in a version that lacks it. */
export function functionAvailability(name: string): FunctionAvailability {
  const having = HOT_VERSION_DATES.filter((date) => {
    const table = TABLES.get(date)!;
    return table.functions.has(name) || table.conditionFunctions.has(name);
  });
  if (having.length === 0) {
    return { conditionOnly: false };
  }
  const last = having[having.length - 1];
  return {
    from: having[0],
    until: last === HOT_VERSION_DATES[HOT_VERSION_DATES.length - 1] ? undefined : last,
    conditionOnly: HOT_VERSION_DATES.every((date) => !TABLES.get(date)!.functions.has(name)),
  };
}
