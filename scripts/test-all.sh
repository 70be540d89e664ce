#!/usr/bin/env bash
# README's test command (`npm run test:all`): installs what the tests need, runs the unit suite and
# the end-to-end suite, and ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
out=.ci-out
rm -rf "$out" && mkdir -p "$out"

npm ci --no-audit --no-fund || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
npm run --silent build || { echo "type check failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

npx jest --selectProjects unit --json --outputFile="$out/unit.json"
node scripts/test-summary.js "$out/unit.json"
