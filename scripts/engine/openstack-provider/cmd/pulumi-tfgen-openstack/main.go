// pulumi-tfgen-openstack generates what heatshift's OpenStack provider is made of:
//
//	pulumi-tfgen-openstack schema --out DIR          the Pulumi schema and bridge-metadata.json (tfgen)
//	pulumi-tfgen-openstack nodejs-sdk SCHEMA DIR     the Node.js SDK of that schema, as a local package
//	pulumi-tfgen-openstack token-report              which @pulumi/openstack 3.15.2 tokens were kept
//
// nodejs-sdk runs Pulumi's Node.js code generator in process (as `pulumi package gen-sdk
// --language nodejs --local` would): the engine's Node.js language host here predates gen-sdk support.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	provider "heatshift.local/openstack-provider"
)

// version is stamped in by -ldflags "-X main.version=..." (scripts/engine/build-openstack-provider.sh).
var version string

func main() {
	if version == "" {
		fail("pulumi-tfgen-openstack was built without -X main.version")
	}
	info := provider.Provider(version, nil)
	// The TF provider's Markdown docs (docs/ in its module) become the SDK's doc comments.
	info.UpstreamRepoPath = os.Getenv("OPENSTACK_TF_PROVIDER_DIR")
	switch {
	case len(os.Args) == 2 && os.Args[1] == "token-report":
		printTokenReport(info)
	case len(os.Args) >= 2 && os.Args[1] == "nodejs-sdk":
		if len(os.Args) != 4 {
			fail("usage: pulumi-tfgen-openstack nodejs-sdk SCHEMA_JSON OUT_DIR")
		}
		if err := generateNodejsSDK(os.Args[2], os.Args[3]); err != nil {
			fail(err.Error())
		}
	default:
		tfgen.Main("openstack", version, info)
	}
}

func generateNodejsSDK(schemaPath, outDir string) error {
	bytes, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(bytes, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, err := schema.ImportSpec(spec, map[string]schema.Language{"nodejs": nodejs.Importer}, schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// localSDK: package.json's main is bin/index.js and a postinstall script compiles the TypeScript.
	files, err := nodejs.GeneratePackage("pulumi-tfgen-openstack", pkg, nil, nil, true, nil)
	if err != nil {
		return err
	}
	for path, content := range files {
		target := filepath.Join(outDir, path)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func printTokenReport(info provider.Info) {
	kept, lost := provider.LegacyTokenReport(info)
	names := make([]string, 0, len(kept))
	for tf := range kept {
		names = append(names, tf)
	}
	sort.Strings(names)
	for _, tf := range names {
		fmt.Printf("kept %s → %s\n", tf, kept[tf])
	}
	for _, token := range lost {
		fmt.Printf("lost %s\n", token)
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "pulumi-tfgen-openstack: "+message)
	os.Exit(2)
}
