#!/usr/bin/env bash
# Builds heatshift's OpenStack provider plugin and its Node.js SDK as one matched pair:
#   1. pulumi-tfgen-openstack (scripts/engine/openstack-provider, terraform-provider-openstack
#      bridged with pulumi-terraform-bridge) writes the Pulumi schema and bridge metadata;
#   2. pulumi-resource-openstack embeds exactly that schema (version field set);
#   3. Pulumi's Node.js code generator (run in process by `pulumi-tfgen-openstack nodejs-sdk`, as
#      `pulumi package gen-sdk --local` would) turns the same schema into the TypeScript SDK, which
#      is compared with the committed sdk/openstack/ (drift check; --update-sdk rewrites it);
#   4. `pulumi plugin install resource openstack <version> --file ...` puts the plugin into the
#      project's PULUMI_HOME, so the engine never downloads it.
# Everything lands in the git-ignored .heatshift/openstack-provider/. A stamp of the inputs (go.mod,
# go.sum, Go sources, token list, versions, Go and CLI version) makes a second run skip the builds.
# Versions: scripts/engine/versions.env (every engine pin is there). Needs the Pulumi CLI that
# scripts/engine/build.sh builds (.heatshift/bin/pulumi) to install the plugin.
#
# Usage: scripts/engine/build-openstack-provider.sh [--update-sdk]
set -euo pipefail

readonly project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly module_dir="$project_root/scripts/engine/openstack-provider"
readonly heatshift_dir="${HEATSHIFT_DIR:-$project_root/.heatshift}"
readonly out_dir="$heatshift_dir/openstack-provider"
readonly pulumi_home="${PULUMI_HOME:-$heatshift_dir/pulumi-home}"
readonly pulumi="$heatshift_dir/bin/pulumi"
readonly sdk_dir="$project_root/sdk/openstack"

# shellcheck source=versions.env
source "$project_root/scripts/engine/versions.env"
readonly version="$OPENSTACK_PROVIDER_VERSION"

export GOTOOLCHAIN="$OPENSTACK_GOTOOLCHAIN"
export CGO_ENABLED=0

log() { printf '[openstack-provider] %s\n' "$*" >&2; }
die() { printf '[openstack-provider] error: %s\n' "$*" >&2; exit 1; }

update_sdk=false
case "${1:-}" in
  "") ;;
  --update-sdk) update_sdk=true ;;
  *) die "unknown argument '$1'; usage: $0 [--update-sdk]" ;;
esac

command -v go >/dev/null || die "go is not on PATH; install Go >= 1.24.7 (the bridge's go.mod asks for it)"
command -v node >/dev/null || die "node is not on PATH"
[[ -x "$pulumi" ]] || die "$pulumi is not built yet; run scripts/engine/build.sh first (plugin install uses it)"

# The wrapper go.mod must require what versions.env pins.
check_pin() {
  local module="$1" want="$2" got
  got="$(awk -v mod="$module" '$1 == mod { print $2 } $1 == "require" && $2 == mod { print $3 }' "$module_dir/go.mod" | head -n 1)"
  [[ "$got" == "$want" ]] ||
    die "scripts/engine/openstack-provider/go.mod requires $module '$got' but versions.env pins $want; run: cd scripts/engine/openstack-provider && go get $module@$want && go mod tidy"
}

# Everything the outputs depend on; a different value means rebuild.
stamp_value() {
  printf '%s %s %s %s\n' "$version" "$(go env GOVERSION)" "$("$pulumi" version)" \
    "$(cd "$module_dir" && cat go.mod go.sum ../versions.env tokens-3.15.2.txt ./*.go cmd/*/main.go | sha256sum | cut -c1-16)"
}

go_build() {
  local name="$1" started=$SECONDS
  (cd "$module_dir" &&
    go build -mod=readonly -trimpath -ldflags "-s -w -X main.version=$version" \
      -o "$out_dir/bin/$name.tmp" "./cmd/$name")
  mv -f "$out_dir/bin/$name.tmp" "$out_dir/bin/$name"
  log "$name $version: built in $((SECONDS - started))s"
}

build_all() {
  local started tf_dir
  rm -rf "$out_dir/schema" "$out_dir/sdk" "$out_dir/stamp"
  mkdir -p "$out_dir/bin" "$out_dir/schema"

  go_build pulumi-tfgen-openstack

  # tfgen turns the TF provider's Markdown docs (in its module zip) into the schema's descriptions.
  tf_dir="$(cd "$module_dir" && go mod download -json "$OPENSTACK_TF_PROVIDER_MODULE@$OPENSTACK_TF_PROVIDER_VERSION" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')"
  started=$SECONDS
  OPENSTACK_TF_PROVIDER_DIR="$tf_dir" "$out_dir/bin/pulumi-tfgen-openstack" schema \
    --out "$out_dir/schema/unversioned" --skip-examples >"$out_dir/tfgen.log" 2>&1 ||
    { tail -n 40 "$out_dir/tfgen.log" >&2; die "pulumi-tfgen-openstack schema failed (log: $out_dir/tfgen.log)"; }
  log "schema generated in $((SECONDS - started))s ($(grep -c 'warning' "$out_dir/tfgen.log" || true) warnings, log: $out_dir/tfgen.log)"

  # tfgen leaves the version out of schema.json; the plugin serves it and gen-sdk reads it, so set it.
  node -e '
    const fs = require("fs");
    const [src, dst, version] = process.argv.slice(1);
    const schema = JSON.parse(fs.readFileSync(src, "utf8"));
    fs.writeFileSync(dst, JSON.stringify({ ...schema, version }, null, 4) + "\n");
  ' "$out_dir/schema/unversioned/schema.json" "$out_dir/schema/schema.json" "$version"
  cp "$out_dir/schema/unversioned/bridge-metadata.json" "$out_dir/schema/bridge-metadata.json"

  # The plugin embeds both files (go:embed needs them next to its main.go; they are git-ignored there).
  cp "$out_dir/schema/schema.json" "$out_dir/schema/bridge-metadata.json" "$module_dir/cmd/pulumi-resource-openstack/"
  go_build pulumi-resource-openstack

  started=$SECONDS
  "$out_dir/bin/pulumi-tfgen-openstack" nodejs-sdk "$out_dir/schema/schema.json" "$out_dir/sdk/nodejs"
  log "Node.js SDK generated in $((SECONDS - started))s ($(du -sh "$out_dir/sdk/nodejs" | cut -f1))"
}

# The committed sdk/openstack/ must be exactly what this provider generates.
check_sdk() {
  if $update_sdk; then
    # Keep the compiled bin/ in place while replacing the sources: tests may be running on it.
    mkdir -p "$sdk_dir"
    find "$sdk_dir" -mindepth 1 -maxdepth 1 ! -name bin ! -name node_modules -exec rm -rf {} +
    cp -r "$out_dir/sdk/nodejs/." "$sdk_dir/"
    node "$module_dir/build-sdk.js"
    log "sdk/openstack/ rewritten from the generated SDK and compiled; commit it"
    return
  fi
  [[ -d "$sdk_dir" ]] || die "sdk/openstack/ does not exist; run: $0 --update-sdk"
  local drift
  if ! drift="$(diff -r -q --exclude=bin --exclude=node_modules "$out_dir/sdk/nodejs" "$sdk_dir")"; then
    printf '%s\n' "$drift" | head -n 20 >&2
    die "sdk/openstack/ differs from the SDK generated by pulumi-resource-openstack $version; run: $0 --update-sdk (and commit)"
  fi
  log "sdk/openstack/ matches the generated SDK"
}

install_plugin() {
  local plugin_dir="$pulumi_home/plugins/resource-openstack-v$version"
  local binary="$out_dir/bin/pulumi-resource-openstack"
  if [[ -f "$plugin_dir/pulumi-resource-openstack" ]] && cmp -s "$binary" "$plugin_dir/pulumi-resource-openstack"; then
    log "plugin resource openstack $version: installed"
    return
  fi
  PULUMI_HOME="$pulumi_home" PULUMI_SKIP_UPDATE_CHECK=true \
    "$pulumi" plugin install resource openstack "$version" --file "$binary" --reinstall >&2
  log "plugin resource openstack $version: installed into $plugin_dir"
}

main() {
  local started=$SECONDS value
  check_pin "$OPENSTACK_TF_PROVIDER_MODULE" "$OPENSTACK_TF_PROVIDER_VERSION"
  check_pin "$OPENSTACK_BRIDGE_MODULE" "$OPENSTACK_BRIDGE_VERSION"
  mkdir -p "$out_dir"
  value="$(stamp_value)"
  if [[ -x "$out_dir/bin/pulumi-resource-openstack" && -d "$out_dir/sdk/nodejs" &&
    -f "$out_dir/stamp" && "$(cat "$out_dir/stamp")" == "$value" ]]; then
    log "pulumi-resource-openstack $version: up to date"
  else
    log "pulumi-resource-openstack $version: building from $OPENSTACK_TF_PROVIDER_MODULE $OPENSTACK_TF_PROVIDER_VERSION and $OPENSTACK_BRIDGE_MODULE $OPENSTACK_BRIDGE_VERSION"
    build_all
    printf '%s\n' "$value" >"$out_dir/stamp"
  fi
  check_sdk
  install_plugin
  log "done in $((SECONDS - started))s"
}

main
