#!/usr/bin/env bash
# The prototype's two calls against a running API: record 10.5 °C a minute ago, then ask for the
# 15-minute average, which must be exactly that reading. Used after every deployment (CI) and by
# the container checks (scripts/container/).
#   scripts/smoke-test.sh BASE_URL [BUILDING ROOM]
# The room defaults to a fresh one per run, so that a deployed store's real rooms are left alone
# and the average holds this run's reading only. WRITER_TOKEN and READER_TOKEN, when set, are sent
# as bearer tokens (config-production.yml requires them).
set -euo pipefail
base=${1:?usage: $0 BASE_URL [BUILDING ROOM]}
building=${2:-smoke-test}
room=${3:-run-$(date -u +%Y%m%d%H%M%S)-$$}
path="$base/api/v1/buildings/$building/rooms/$room/temperatures"
writer=()
reader=()
[ -z "${WRITER_TOKEN:-}" ] || writer=(-H "Authorization: Bearer $WRITER_TOKEN")
[ -z "${READER_TOKEN:-}" ] || reader=(-H "Authorization: Bearer $READER_TOKEN")

recorded_at=$(date -u -d '1 minute ago' +%Y-%m-%dT%H:%M:%S)
answer=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST "$path" "${writer[@]}" \
  -H 'Content-Type: application/json' \
  -d "{\"temperature\": 10.5, \"recorded_at\": \"$recorded_at\"}")
[ "${answer##*$'\n'}" = 201 ] || { echo "smoke test: POST answered: $answer" >&2; exit 1; }

# Asked again for up to 10 s: with a read replica (storage.readDatabase) a reading shows in
# answers only once the replica has replayed it, usually within milliseconds.
deadline=$((SECONDS + 10))
while true; do
  average=$(curl -fsS --max-time 10 "${reader[@]}" "$path/average?duration=15m")
  if grep -q '"average":10.5' <<< "$average" && grep -q '"count":1' <<< "$average"; then
    break
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "smoke test: unexpected average: $average" >&2
    exit 1
  fi
  sleep 0.5
done
echo "smoke test passed against $base ($building/$room)"
