/**
 * What programs written by `heatshift convert` call when they run: the registry's helpers and
 * heatshift's implementations of Heat's intrinsic functions, so that a converted program gives the
 * values the importer gives. A light entry of its own (not `heatshift`, which also loads the
 * importer) so that a program loads only these modules: ~30 instead of ~160 (docs/convert.md).
 * Components are in `heatshift/components`.
 */

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

// Heat's intrinsic functions as the importer evaluates them, named hot<Function> after the HOT function.
export { contains as hotContains } from "../src/hot/functions/contains";
export { digest as hotDigest } from "../src/hot/functions/digest";
export { filter as hotFilter } from "../src/hot/functions/filter";
export { listConcat as hotListConcat } from "../src/hot/functions/list_concat";
export { makeUrl as hotMakeUrl } from "../src/hot/functions/make_url";
export { mapMerge as hotMapMerge } from "../src/hot/functions/map_merge";
export { mapReplace as hotMapReplace } from "../src/hot/functions/map_replace";
export { memberListToMap as hotMemberListToMap } from "../src/hot/functions/cfn_member_list_to_map";
export { repeat as hotRepeat } from "../src/hot/functions/repeat";
export { select as hotSelect } from "../src/hot/functions/cfn_select";
export { strSplit as hotStrSplit } from "../src/hot/functions/str_split";
