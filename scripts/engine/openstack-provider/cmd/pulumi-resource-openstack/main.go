// pulumi-resource-openstack is the provider plugin the Pulumi engine runs. It embeds the schema
// and bridge metadata that pulumi-tfgen-openstack generated from the same Provider(), which the
// build script writes next to this file before building it.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	provider "heatshift.local/openstack-provider"
)

// version is stamped in by -ldflags "-X main.version=..." (scripts/engine/build-openstack-provider.sh).
var version string

//go:embed schema.json
var schema []byte

//go:embed bridge-metadata.json
var metadata []byte

func main() {
	if version == "" {
		fmt.Fprintln(os.Stderr, "pulumi-resource-openstack was built without -X main.version")
		os.Exit(2)
	}
	tfbridge.Main("openstack", version, provider.Provider(version, metadata), schema)
}
