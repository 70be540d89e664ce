/**
 * What programs written by `heatshift convert` call when they run: the registry's helpers and
 * heatshift's implementations of Heat's intrinsic functions, so that a converted program gives the
 * values the importer gives. A light entry of its own (not `heatshift`, which also loads the
 * importer) so that a program loads only these modules: ~30 instead of ~160 (docs/convert.md).
 * Components are in `heatshift/components`.
 */

import { contains } from "../src/hot/functions/contains";
import { digest } from "../src/hot/functions/digest";
import { filter } from "../src/hot/functions/filter";
import { listConcat } from "../src/hot/functions/list_concat";
import { makeUrl } from "../src/hot/functions/make_url";
import { mapMerge } from "../src/hot/functions/map_merge";
import { mapReplace } from "../src/hot/functions/map_replace";
import { repeat } from "../src/hot/functions/repeat";
import { select } from "../src/hot/functions/cfn_select";
import { strSplit } from "../src/hot/functions/str_split";

export { renderCloudConfig } from "../src/registry/heat/CloudConfig";
export { renderMultipartMime } from "../src/registry/heat/MultipartMime";
export type { MimePart } from "../src/registry/heat/MultipartMime";
export { valueOfType } from "../src/registry/heat/Value";
export type { HeatValueTypes } from "../src/registry/heat/Value";
export { metadataJson } from "../src/registry/cinder/Volume";
export { lookupNetwork } from "../src/registry/neutron/Net";
export type { NetworkReference } from "../src/registry/neutron/Net";
export { secGroupRuleArgs } from "../src/registry/neutron/SecurityGroup";
export type { SecurityGroupRule } from "../src/registry/neutron/SecurityGroup";
export { firstAddress, flavorArgs, imageArgs, instanceNetworkArgs, networkAddresses, novaMetadata } from "../src/registry/nova/Server";
export type { ServerNetwork } from "../src/registry/nova/Server";

// Heat's intrinsic functions as the importer evaluates them, named hot<Function> after the HOT
// function, with that name bound for Heat's error messages.
export { memberListToMap as hotMemberListToMap } from "../src/hot/functions/cfn_member_list_to_map";
/** `contains: [value, sequence]` */
export const hotContains = (value: unknown, sequence: unknown): boolean => contains("contains", value, sequence);
/** `digest: [algorithm, value]` */
export const hotDigest = (args: unknown): string => digest("digest", args);
/** `filter: [values, sequence]` */
export const hotFilter = (values: unknown, sequence: unknown): unknown => filter("filter", values, sequence);
/** `list_concat: [list, ...]` */
export const hotListConcat = (lists: unknown): unknown[] => listConcat("list_concat", lists, false);
/** `list_concat_unique: [list, ...]` */
export const hotListConcatUnique = (lists: unknown): unknown[] => listConcat("list_concat_unique", lists, true);
/** `make_url: {scheme, host, port, path, query, fragment, ...}` */
export const hotMakeUrl = (parts: unknown): string => makeUrl("make_url", parts);
/** `map_merge: [map, ...]` */
export const hotMapMerge = (maps: unknown): Record<string, unknown> => mapMerge("map_merge", maps);
/** `map_replace: [map, {keys, values}]` */
export const hotMapReplace = (args: unknown): Record<string, unknown> => mapReplace("map_replace", args);
/** `repeat: {template, for_each, permutations}` */
export const hotRepeat = (template: unknown, forEach: unknown, options: Parameters<typeof repeat>[3]): unknown[] => repeat("repeat", template, forEach, options);
/** `Fn::Select: [index, collection]` */
export const hotSelect = (index: unknown, collection: unknown): unknown => select("Fn::Select", index, collection);
/** `str_split: [delimiter, text, index?]` */
export const hotStrSplit = (args: unknown): unknown => strSplit("str_split", args);
