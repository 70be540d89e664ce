// Package provider bridges terraform-provider-openstack into a Pulumi provider for heatshift.
//
// Both binaries of this module (pulumi-tfgen-openstack, which writes the Pulumi schema, and
// pulumi-resource-openstack, the plugin the engine runs) use Provider(), so the schema and the
// plugin always agree. Tokens follow @pulumi/openstack 3.15.2 wherever 3.15.2 had the same
// resource (see legacyTokens below), so programs written against 3.15.2 keep their names.
package provider

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	tks "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/terraform-provider-openstack/terraform-provider-openstack/v3/openstack"
)

// The Pulumi package name, also the plugin name (pulumi-resource-openstack).
const packageName = "openstack"

// The TF provider's token prefix: openstack_<module>_<name>_v<N>.
const tfPrefix = "openstack_"

// The tokens of @pulumi/openstack 3.15.2 ("resource <token>" / "function <token>" per line).
//
//go:embed tokens-3.15.2.txt
var legacyTokenList string

// Provider returns the bridge's description of the OpenStack provider at version (semver, no
// "v"). metadata is bridge-metadata.json as written by tfgen (nil while generating it).
func Provider(version string, metadata []byte) tfbridge.ProviderInfo {
	info := tfbridge.ProviderInfo{
		P:            shimv2.NewProvider(openstack.Provider()),
		Name:         packageName,
		Version:      version,
		DisplayName:  "OpenStack",
		Publisher:    "heatshift",
		Description:  "OpenStack resources for Pulumi, bridged from terraform-provider-openstack v3 by heatshift.",
		Keywords:     []string{"pulumi", "openstack"},
		License:      "Apache-2.0",
		Homepage:     "https://github.com/terraform-provider-openstack/terraform-provider-openstack",
		Repository:   "https://github.com/terraform-provider-openstack/terraform-provider-openstack",
		GitHubOrg:    "terraform-provider-openstack",
		MetadataInfo: tfbridge.NewProviderMetadata(metadata),
		JavaScript: &tfbridge.JavaScriptInfo{
			PackageName: "@pulumi/openstack",
			// package.json then carries the plugin version, so the engine asks for exactly this plugin.
			RespectSchemaVersion: true,
			// typescript and @types/node are dependencies of a local SDK (it compiles itself); these
			// ranges are satisfied by the project's own, so npm installs no second copy.
			Dependencies:      map[string]string{"@pulumi/pulumi": "^3.0.0", "@types/node": "^20"},
			TypeScriptVersion: "^5.0.0",
		},
		Resources:   map[string]*tfbridge.ResourceInfo{},
		DataSources: map[string]*tfbridge.DataSourceInfo{},
	}

	legacy := parseLegacyTokens(legacyTokenList)
	resources := sortedKeys(info.P.ResourcesMap().Len, info.P.ResourcesMap().Range)
	dataSources := sortedKeys(info.P.DataSourcesMap().Len, info.P.DataSourcesMap().Range)
	aliases := moduleAliases(append(append([]string{}, resources...), dataSources...), legacy)

	for tf, tok := range matchLegacyTokens(resources, legacy["resource"], aliases) {
		info.Resources[tf] = &tfbridge.ResourceInfo{Tok: tokens.Type(tok)}
	}
	for tf, tok := range matchLegacyTokens(dataSources, legacy["function"], aliases) {
		info.DataSources[tf] = &tfbridge.DataSourceInfo{Tok: tokens.ModuleMember(tok)}
	}

	// Everything 3.15.2 did not have: the bridge's standard tokens, in the 3.15.2 module names.
	mapped := map[string]string{}
	for tfModule, module := range aliases {
		mapped[tfModule+"_"] = module
	}
	info.MustComputeTokens(tks.MappedModules(tfPrefix, "", mapped, tks.MakeStandard(packageName)))
	disambiguateAliasedModules(&info, aliases)
	// Like @pulumi/openstack 3.15.2: a resource's `name` is optional and defaults to the Pulumi
	// name plus a random suffix (TF requires it for e.g. compute_instance_v2 and secgroup_v2).
	info.SetAutonaming(255, "-")
	return info
}

// disambiguateAliasedModules renames the standard token of a TF name from an aliased module when
// another TF name got the same token: openstack_lb_flavor_v2 and openstack_loadbalancer_flavor_v2
// would both be loadbalancer/getFlavorV2, so the lb one becomes loadbalancer/getLbFlavorV2.
func disambiguateAliasedModules(info *tfbridge.ProviderInfo, aliases map[string]string) {
	rename := func(tfNames []string, retoken func(tf, module, name string)) {
		for _, tf := range tfNames {
			if tfModule, rest := splitTF(tf); aliases[tfModule] != tfModule {
				retoken(tf, aliases[tfModule], upperCamel(tfModule+"_"+rest))
			}
		}
	}
	resourceOwners := map[tokens.Type][]string{}
	for tf, r := range info.Resources {
		resourceOwners[r.Tok] = append(resourceOwners[r.Tok], tf)
	}
	for _, tfNames := range resourceOwners {
		if len(tfNames) > 1 {
			rename(tfNames, func(tf, module, name string) {
				info.Resources[tf].Tok = tokens.Type(standardToken(module, name))
			})
		}
	}
	dataSourceOwners := map[tokens.ModuleMember][]string{}
	for tf, d := range info.DataSources {
		dataSourceOwners[d.Tok] = append(dataSourceOwners[d.Tok], tf)
	}
	for _, tfNames := range dataSourceOwners {
		if len(tfNames) > 1 {
			rename(tfNames, func(tf, module, name string) {
				info.DataSources[tf].Tok = tokens.ModuleMember(standardToken(module, "get"+name))
			})
		}
	}
}

// standardToken is the bridge's standard token shape: pkg:module/lowerFirst(name):name.
func standardToken(module, name string) string {
	token, err := tks.MakeStandard(packageName)(module, name)
	if err != nil {
		panic(err) // name is never empty here
	}
	return token
}

func upperCamel(snake string) string {
	var b strings.Builder
	for _, part := range strings.Split(snake, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// A 3.15.2 token split up: module "networking", name "Network" (functions without "get").
type legacyToken struct {
	token  string
	module string
	name   string
}

func parseLegacyTokens(list string) map[string][]legacyToken {
	byKind := map[string][]legacyToken{}
	for _, line := range strings.Split(list, "\n") {
		fields := strings.Fields(line)
		if len(fields) != 2 || strings.HasPrefix(line, "#") {
			continue
		}
		kind, token := fields[0], fields[1]
		parts := strings.Split(token, ":") // openstack:networking/network:Network
		name := parts[2]
		if kind == "function" {
			name = strings.TrimPrefix(name, "get")
		}
		module := strings.Split(parts[1], "/")[0]
		byKind[kind] = append(byKind[kind], legacyToken{token: token, module: module, name: name})
	}
	return byKind
}

var versionSuffix = regexp.MustCompile(`_v[0-9]+$`)

// normalize compares names the way the task defines: case-insensitive, without underscores.
func normalize(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// splitTF turns openstack_networking_router_interface_v2 into ("networking", "router_interface_v2").
func splitTF(tf string) (module, rest string) {
	module, rest, _ = strings.Cut(strings.TrimPrefix(tf, tfPrefix), "_")
	return module, rest
}

// candidates lists the (module, normalized name) keys a TF name may have had in 3.15.2, most
// exact first: the name with its version suffix (qos_v3 → QosV3), the module-prefixed name in the
// same or the index module (fw_policy_v2 → index/getFwPolicyV2), then the same two without
// the suffix (volume_v3 → Volume, dns_zone_v2 → dns/getDnsZone).
func candidates(tf, module string) [][2]string {
	tfModule, rest := splitTF(tf)
	stripped := versionSuffix.ReplaceAllString(rest, "")
	var keys [][2]string
	for _, name := range []string{rest, stripped} {
		keys = append(keys,
			[2]string{module, normalize(name)},
			[2]string{module, normalize(tfModule + name)},
			[2]string{"index", normalize(tfModule + name)})
	}
	return keys
}

// moduleAliases maps each TF module to its 3.15.2 module: itself if 3.15.2 had a module of that
// name, else the module most of its names matched in 3.15.2 (lb → loadbalancer, fw → firewall,
// db → database), else itself.
func moduleAliases(tfNames []string, legacy map[string][]legacyToken) map[string]string {
	known := map[string]bool{}
	byName := map[string][]string{}
	for _, list := range legacy {
		for _, l := range list {
			known[l.module] = true
			if l.module != "index" {
				byName[normalize(l.name)] = append(byName[normalize(l.name)], l.module)
			}
		}
	}
	votes := map[string]map[string]int{}
	for _, tf := range tfNames {
		tfModule, rest := splitTF(tf)
		if votes[tfModule] == nil {
			votes[tfModule] = map[string]int{}
		}
		for _, name := range []string{rest, versionSuffix.ReplaceAllString(rest, "")} {
			for _, module := range byName[normalize(name)] {
				votes[tfModule][module]++
			}
		}
	}
	aliases := map[string]string{}
	for tfModule, tally := range votes {
		aliases[tfModule] = tfModule
		if known[tfModule] {
			continue
		}
		best := 0
		for _, module := range sortedStrings(tally) {
			if tally[module] > best {
				aliases[tfModule], best = module, tally[module]
			}
		}
	}
	return aliases
}

// matchLegacyTokens gives each TF name the 3.15.2 token it matches, at most one TF name per
// token; more exact candidates win over less exact ones across all names.
func matchLegacyTokens(tfNames []string, legacy []legacyToken, aliases map[string]string) map[string]string {
	byKey := map[[2]string]string{}
	for _, l := range legacy {
		byKey[[2]string{l.module, normalize(l.name)}] = l.token
	}
	matched := map[string]string{}
	used := map[string]bool{}
	for level := 0; level < 6; level++ {
		for _, tf := range tfNames {
			if _, done := matched[tf]; done {
				continue
			}
			tfModule, _ := splitTF(tf)
			token, ok := byKey[candidates(tf, aliases[tfModule])[level]]
			if ok && !used[token] {
				matched[tf], used[token] = token, true
			}
		}
	}
	return matched
}

func sortedKeys[V any](length func() int, rangeFn func(func(string, V) bool)) []string {
	keys := make([]string, 0, length())
	rangeFn(func(key string, _ V) bool {
		keys = append(keys, key)
		return true
	})
	sort.Strings(keys)
	return keys
}

func sortedStrings(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// LegacyTokenReport lists how the 3.15.2 tokens fared: kept ("resource <tf name>" or
// "data source <tf name>" → token) and lost (no TF name of this provider matched them).
// pulumi-tfgen-openstack token-report prints it so the choice is visible.
func LegacyTokenReport(info Info) (kept map[string]string, lost []string) {
	legacy := map[string]bool{}
	for _, list := range parseLegacyTokens(legacyTokenList) {
		for _, l := range list {
			legacy[l.token] = true
		}
	}
	kept = map[string]string{}
	for tf, r := range info.Resources {
		if legacy[string(r.Tok)] {
			kept["resource "+tf] = string(r.Tok)
			delete(legacy, string(r.Tok))
		}
	}
	for tf, d := range info.DataSources {
		if legacy[string(d.Tok)] {
			kept["data source "+tf] = string(d.Tok)
			delete(legacy, string(d.Tok))
		}
	}
	for token := range legacy {
		lost = append(lost, token)
	}
	sort.Strings(lost)
	return kept, lost
}

// Info is the bridge's provider description, named here so the commands need not import tfbridge.
type Info = tfbridge.ProviderInfo
