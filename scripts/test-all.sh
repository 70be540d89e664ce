#!/usr/bin/env bash
# README's test command (`npm run test:all`, and CI's .ci/run): from a clean clone, installs what the
# tests need (npm packages, the Pulumi engine and OpenStack provider built from Go modules, the
# loopback OpenStack), runs the unit suite and the end-to-end suite, and ends with one line
# "N passed, N failed, N skipped" summing both. Set-up logs go to .ci-out/.
set -uo pipefail
cd "$(dirname "$0")/.."
out=.ci-out
rm -rf "$out" && mkdir -p "$out"
started=$SECONDS
step() { echo "[test-all $(date -u +%T), +$((SECONDS - started))s] $*"; }
# A set-up step that fails is one failure in the closing line; the suites still run and say what broke.
setup_failures=0
setup_failed() { step "FAILED: $1 (log: $2)"; tail -n 30 "$2"; setup_failures=$((setup_failures + 1)); }

step "npm ci"
npm ci --no-audit --no-fund >"$out/npm-ci.log" 2>&1 || { setup_failed "npm ci" "$out/npm-ci.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# The loopback OpenStack installs and boots (mostly I/O and waiting) while the engine compiles.
# Stopped again at the end when this run started it (HEATSHIFT_KEEP_OPENSTACK=1 keeps it), so the
# next run, from this or another clone, finds the fixed ports free.
bash scripts/openstack-aio.sh status >/dev/null 2>&1 && openstack_was_up=1 || openstack_was_up=0
step "starting the loopback OpenStack in the background (scripts/openstack-aio.sh up)"
bash scripts/openstack-aio.sh up >"$out/openstack-up.log" 2>&1 &
openstack_pid=$!

step "type check (npm run build)"
npm run --silent build >"$out/build.log" 2>&1 || setup_failed "type check" "$out/build.log"

step "engine and provider build (npm run setup:engine)"
npm run --silent setup:engine >"$out/engine.log" 2>&1 || setup_failed "engine build" "$out/engine.log"

step "unit suite"
npx jest --selectProjects unit --json --outputFile="$out/unit.json" >"$out/unit.log" 2>&1
grep -E '^(FAIL|Tests:)' "$out/unit.log"

wait "$openstack_pid" || setup_failed "loopback OpenStack" "$out/openstack-up.log"
step "end-to-end suite"
npx jest --selectProjects e2e --runInBand --json --outputFile="$out/e2e.json" >"$out/e2e.log" 2>&1
grep -E '^(FAIL|Tests:)' "$out/e2e.log"

if [ "$openstack_was_up" = 0 ] && [ "${HEATSHIFT_KEEP_OPENSTACK:-0}" != 1 ]; then
  step "stopping the loopback OpenStack this run started"
  bash scripts/openstack-aio.sh down >"$out/openstack-down.log" 2>&1 || setup_failed "stopping the loopback OpenStack" "$out/openstack-down.log"
fi

step "done"
node scripts/test-summary.js --extra-failures "$setup_failures" "$out/unit.json" "$out/e2e.json"
