// pulumi-tfgen-openstack writes the Pulumi schema (and bridge-metadata.json) of heatshift's
// OpenStack provider: `pulumi-tfgen-openstack schema --out DIR`. `token-report` prints which
// @pulumi/openstack 3.15.2 tokens were kept and which have no TF resource any more.
package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	provider "heatshift.local/openstack-provider"
)

// version is stamped in by -ldflags "-X main.version=..." (scripts/engine/build-openstack-provider.sh).
var version string

func main() {
	if version == "" {
		fmt.Fprintln(os.Stderr, "pulumi-tfgen-openstack was built without -X main.version")
		os.Exit(2)
	}
	info := provider.Provider(version, nil)
	// The TF provider's Markdown docs (docs/ in its module) become the SDK's doc comments.
	info.UpstreamRepoPath = os.Getenv("OPENSTACK_TF_PROVIDER_DIR")
	if len(os.Args) == 2 && os.Args[1] == "token-report" {
		printTokenReport(info)
		return
	}
	tfgen.Main("openstack", version, info)
}

func printTokenReport(info provider.Info) {
	kept, lost := provider.LegacyTokenReport(info)
	names := make([]string, 0, len(kept))
	for tf := range kept {
		names = append(names, tf)
	}
	sort.Strings(names)
	for _, tf := range names {
		fmt.Printf("kept %s %s\n", tf, kept[tf])
	}
	for _, token := range lost {
		fmt.Printf("lost %s\n", token)
	}
}
