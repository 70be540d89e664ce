#!/usr/bin/env bash
# WaitConditionHandle/WaitCondition under the real Pulumi engine (scripts/pulumi, built by
# `npm run setup:engine`), against a `heatshift signal-receiver` on 127.0.0.1, in a scratch
# project under .heatshift/tmp. Scenarios: SUCCESS then destroy; FAILURE; timeout. The "instance"
# is a shell loop that runs the curl_cli the program hands it, as heat_2d's user_data would.
# Usage: bash test/signal/engine-smoke.sh   (exit 0 when every scenario behaves as Heat's would)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/.heatshift/tmp/signal-engine-smoke"
pulumi="$root/scripts/pulumi"
rm -rf "$work" && mkdir -p "$work/state"
cd "$work"
cat > Pulumi.yaml <<'YAML'
name: signal-engine-smoke
runtime: nodejs
YAML
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "esModuleInterop": true, "skipLibCheck": true } }
JSON
cat > index.ts <<'TS'
import * as fs from "fs";
import { WaitCondition } from "../../../components/WaitCondition";
import { WaitConditionHandle } from "../../../components/WaitConditionHandle";

const handle = new WaitConditionHandle("wait_handle");
// Stands in for user_data: the "instance" (a shell loop) reads the curl_cli from this file.
handle.curlCli.apply((cli) => fs.writeFileSync(process.env.CURL_FILE as string, cli));
const wait = new WaitCondition("wait_condition", { handle, timeoutSeconds: Number(process.env.WC_TIMEOUT) });
export const data = wait.data;
TS
export PULUMI_BACKEND_URL="file://$work/state" CURL_FILE="$work/curl.txt"

node "$root/bin/heatshift" signal-receiver --listen 127.0.0.1:0 --data "$work/receiver" > receiver.out 2> receiver.log &
receiver_pid=$!
trap 'kill $receiver_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "^listening on" receiver.out 2>/dev/null && break; sleep 0.2; done
url="$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' receiver.out)"
[[ -n "$url" ]] || { echo "the receiver did not start: $(cat receiver.log)"; exit 1; }

"$pulumi" stack init smoke --non-interactive > /dev/null 2>&1
"$pulumi" config set heatshift:signalReceiverUrl "$url"
"$pulumi" config set --secret heatshift:signalAdminToken "$(cat receiver/admin-token)"

failures=0
# scenario NAME STATUS(or none) TIMEOUT EXPECTED-TEXT-IN-OUTPUT EXPECTED-EXIT
scenario() {
  local name=$1 status=$2 timeout=$3 expected=$4 expected_exit=$5
  rm -f curl.txt
  if [[ "$status" != none ]]; then
    ( for _ in $(seq 1 600); do [[ -s curl.txt ]] && break; sleep 0.5; done
      sh -c "$(cat curl.txt) -s --data-binary '{\"status\": \"$status\", \"reason\": \"smoke $status\"}'" > /dev/null ) &
  fi
  local started=$SECONDS exit_code=0
  WC_TIMEOUT=$timeout "$pulumi" up --yes --non-interactive --skip-preview > "up-$name.out" 2>&1 || exit_code=$?
  if [[ $exit_code -eq $expected_exit ]] && grep -qF "$expected" "up-$name.out"; then
    echo "ok   $name ($((SECONDS - started)) s): $expected"
  else
    echo "FAIL $name: exit $exit_code (expected $expected_exit), wanted \"$expected\"; see $work/up-$name.out"
    failures=$((failures + 1))
  fi
}

scenario success SUCCESS 120 "+ 5 created" 0
data="$("$pulumi" stack output data)"
[[ "$data" == '{"1": null}' ]] && echo "ok   data = $data" || { echo "FAIL data = $data"; failures=$((failures + 1)); }
leaks=$(grep -c -e "$(cat receiver/admin-token)" -e "$(sed "s/.*X-Auth-Token: \([^']*\)'.*/\1/" curl.txt)" state/.pulumi/stacks/*/*.json || true)
[[ "$leaks" == 0 ]] && echo "ok   no token in plaintext in the state" || { echo "FAIL tokens in plaintext in the state"; failures=$((failures + 1)); }
"$pulumi" destroy --yes --non-interactive --skip-preview > destroy.out 2>&1
handles="$(curl -s "$url/healthz")"
[[ "$handles" == '{"ok":true,"handles":0}' ]] && echo "ok   destroy removed the handle" || { echo "FAIL after destroy: $handles"; failures=$((failures + 1)); }

scenario failure FAILURE 120 'WaitCondition "wait_condition" failed: handle "wait_handle" received a FAILURE signal: smoke FAILURE' 1
"$pulumi" destroy --yes --non-interactive --skip-preview > /dev/null 2>&1
scenario timeout none 3 'WaitCondition "wait_condition" timed out after 3 s waiting for 1 signal(s) on handle "wait_handle": 0 of 1 received' 1
"$pulumi" destroy --yes --non-interactive --skip-preview > /dev/null 2>&1

exit $((failures > 0))
