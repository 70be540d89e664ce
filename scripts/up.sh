#!/usr/bin/env bash
# README's main job (`npm run up`): `pulumi up` of the Flasky stack (index.ts), from a fresh machine.
#   - installs the npm dependencies and builds the Pulumi engine and plugins (skipped when built);
#   - deploys to the OpenStack you configured (OS_CLOUD with clouds.yaml, or OS_AUTH_URL and the
#     other OS_* variables), or else starts the project's own OpenStack on 127.0.0.1 and uses it;
#   - keeps state in a local file backend with passphrase secrets (scripts/pulumi's defaults);
#   - the stack (HEATSHIFT_STACK, default `dev`) takes the template's parameters as config; on first
#     use, gmail_username / gmail_password get demo values unless you set them first.
# Extra arguments go to `pulumi up` (e.g. `npm run up -- --diff`).
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${HEATSHIFT_STACK:-dev}"
say() { echo "heatshift: $*"; }

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund
fi
npm run --silent setup:engine

if [[ -z "${OS_CLOUD:-}" && -z "${OS_AUTH_URL:-}" ]]; then
  say "no OS_CLOUD or OS_AUTH_URL set: using the project's own OpenStack on 127.0.0.1 (scripts/openstack-aio.sh)"
  bash scripts/openstack-aio.sh up
  export OS_CLOUD=heatshift-aio OS_CLIENT_CONFIG_FILE="$PWD/.aio/clouds.yaml"
else
  say "deploying to the configured OpenStack (${OS_CLOUD:-$OS_AUTH_URL})"
fi

scripts/pulumi stack select --create "$stack"
if ! scripts/pulumi config get gmail_username >/dev/null 2>&1; then
  say "gmail_username not set: using the demo value 'flasky-demo' (scripts/pulumi config set gmail_username ...)"
  scripts/pulumi config set gmail_username flasky-demo
fi
if ! scripts/pulumi config get gmail_password >/dev/null 2>&1; then
  say "gmail_password not set: storing a random demo password as a secret (scripts/pulumi config set --secret gmail_password ...)"
  scripts/pulumi config set --secret gmail_password "$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))')"
fi
scripts/pulumi up --yes --stack "$stack" "$@"
scripts/pulumi stack output --stack "$stack"
