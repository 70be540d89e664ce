#!/usr/bin/env bash
# Builds the Pulumi engine from Go modules into the git-ignored .heatshift/ folder:
#   .heatshift/bin/pulumi                          the CLI (github.com/pulumi/pulumi/pkg/v3)
#   .heatshift/bin/pulumi-language-nodejs          the Node.js language host
#   .heatshift/bin/pulumi-resource-pulumi-nodejs   the launcher that dynamic providers need
#   .heatshift/pulumi-home/plugins/...             the OpenStack provider plugin (build-openstack-provider.sh)
# Versions come from scripts/engine/versions.env only. A piece already built at the right
# version (stamp file in .heatshift/stamps/) is skipped, so a second run takes seconds.
# The official release flags are used: CGO_ENABLED=0, -trimpath, tags osusergo,grpcnotrace and
# the version stamped in by -ldflags. Go builds run one at a time (the machines have 2 cores).
#
# Environment: HEATSHIFT_DIR (default <project>/.heatshift), GOFLAGS/GOPROXY/... as usual.
set -euo pipefail

readonly project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly engine_dir="$project_root/scripts/engine"
readonly heatshift_dir="${HEATSHIFT_DIR:-$project_root/.heatshift}"
readonly bin_dir="$heatshift_dir/bin"
readonly stamp_dir="$heatshift_dir/stamps"
readonly pulumi_home="$heatshift_dir/pulumi-home"

# shellcheck source=versions.env
source "$engine_dir/versions.env"

export GOTOOLCHAIN="$ENGINE_GOTOOLCHAIN"
export CGO_ENABLED=0
readonly version_pkg="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] error: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "go is not on PATH; install Go >= 1.25.11 (the CLI's go.mod asks for it)"
command -v node >/dev/null || die "node is not on PATH; the engine runs the TypeScript programs with it"

# The version a wrapper go.mod requires for a module, e.g. required_version pulumi github.com/pulumi/pulumi/pkg/v3.
required_version() {
  awk -v mod="$2" '$1 == mod { print $2 } $1 == "require" && $2 == mod { print $3 }' \
    "$engine_dir/$1/go.mod" | head -n 1
}

# Fail early when a wrapper module and versions.env disagree: the pin lives in versions.env.
check_pin() {
  local wrapper="$1" module="$2" want="$3" got
  got="$(required_version "$wrapper" "$module")"
  [[ "$got" == "$want" ]] ||
    die "scripts/engine/$wrapper/go.mod requires $module $got but versions.env pins $want; run: cd scripts/engine/$wrapper && go get $module@$want && go mod tidy"
}

# The stamp says what a binary was built from; a different value means rebuild.
stamp_value() {
  local wrapper="$1" version="$2"
  printf '%s %s %s\n' "$version" "$(go env GOVERSION)" \
    "$(cat "$engine_dir/$wrapper/go.mod" "$engine_dir/$wrapper/go.sum" | sha256sum | cut -c1-16)"
}

is_current() {
  local name="$1" value="$2"
  [[ -x "$bin_dir/$name" && -f "$stamp_dir/$name" && "$(cat "$stamp_dir/$name")" == "$value" ]]
}

# build_tool NAME WRAPPER PACKAGE VERSION: go build PACKAGE inside scripts/engine/WRAPPER.
build_tool() {
  local name="$1" wrapper="$2" package="$3" version="$4" value started
  value="$(stamp_value "$wrapper" "$version")"
  if is_current "$name" "$value"; then
    log "$name $version: up to date"
    return
  fi
  log "$name $version: building (go build $package)"
  started=$SECONDS
  (cd "$engine_dir/$wrapper" &&
    go build -mod=readonly -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X $version_pkg=$version" \
      -o "$bin_dir/$name.tmp" "$package")
  mv -f "$bin_dir/$name.tmp" "$bin_dir/$name"
  printf '%s\n' "$value" >"$stamp_dir/$name"
  log "$name $version: built in $((SECONDS - started))s"
}

# The dynamic-provider launcher is a shell script shipped in the sdk/v3 module zip (nodejs/dist);
# module cache files are read-only and lose the exec bit, so copy it and mark it executable.
install_dynamic_provider_launcher() {
  local name=pulumi-resource-pulumi-nodejs sdk_dir value
  value="sdk/v3@$PULUMI_CLI_VERSION"
  if [[ -x "$bin_dir/$name" && -f "$stamp_dir/$name" && "$(cat "$stamp_dir/$name")" == "$value" ]]; then
    log "$name $PULUMI_CLI_VERSION: up to date"
    return
  fi
  sdk_dir="$(cd "$engine_dir/pulumi" && go mod download -json "github.com/pulumi/pulumi/sdk/v3@$PULUMI_CLI_VERSION" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')"
  install -m 0755 "$sdk_dir/nodejs/dist/$name" "$bin_dir/$name"
  printf '%s\n' "$value" >"$stamp_dir/$name"
  log "$name $PULUMI_CLI_VERSION: installed from $value"
}

main() {
  mkdir -p "$bin_dir" "$stamp_dir" "$pulumi_home"
  local started=$SECONDS
  log "go $(go env GOVERSION), GOTOOLCHAIN=$GOTOOLCHAIN, GOPROXY=$(go env GOPROXY), GOSUMDB=$(go env GOSUMDB)"

  check_pin pulumi github.com/pulumi/pulumi/pkg/v3 "$PULUMI_CLI_VERSION"
  check_pin pulumi github.com/pulumi/pulumi/sdk/v3 "$PULUMI_CLI_VERSION"
  check_pin language-nodejs github.com/pulumi/pulumi/sdk/v3 "$PULUMI_LANGUAGE_NODEJS_VERSION"

  build_tool pulumi pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$PULUMI_CLI_VERSION"
  build_tool pulumi-language-nodejs language-nodejs \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$PULUMI_LANGUAGE_NODEJS_VERSION"
  install_dynamic_provider_launcher

  # The OpenStack provider plugin and its SDK, which need the CLI just built.
  bash "$engine_dir/build-openstack-provider.sh"

  log "done in $((SECONDS - started))s: $("$bin_dir/pulumi" version) in $bin_dir"
}

main "$@"
