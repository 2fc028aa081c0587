#!/usr/bin/env bash
# (4) Footprint: start-up time (launch to /q/health/ready answering), on an empty database (Flyway migrates) and on
# a migrated one; resident memory (VmRSS) at rest and its peak under the raise load of bench/raise.sh. The JVM
# sees the memory of the production container (k8s/base/deployment.yaml: limit 768Mi; Dockerfile.jvm: heap 75 %),
# and the references are that limit and the startup probe's budget (60 x 2 s).
# Usage: bench/footprint.sh   Environment: FOOTPRINT_CONNECTIONS (8), FOOTPRINT_SECONDS (30).
source "$(dirname "$0")/lib.sh"

CONNECTIONS=${FOOTPRINT_CONNECTIONS:-8}
SECONDS_LOADED=${FOOTPRINT_SECONDS:-30}
CONTAINER=(-XX:MaxRAM=768m -XX:MaxRAMPercentage=75)
LIMIT_MB=768
STARTUP_BUDGET_MS=120000
SAMPLER=
cleanup() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
  stop_service
}
trap cleanup EXIT

machine
need_wrk
prepare
start_service "${CONTAINER[@]}"
first_start=$SERVICE_READY_MS
stop_service
start_service "${CONTAINER[@]}"
echo "start-up to ready: $first_start ms on an empty database, $SERVICE_READY_MS ms migrated"

sleep 10
at_rest=$(rss_mb "$SERVICE_PID")

raise_load_env
WORK=$(mktemp -d)
while sleep 0.5; do rss_mb "$SERVICE_PID"; done >"$WORK/rss" &
SAMPLER=$!
result=$(wrk -t2 -c"$CONNECTIONS" -d"$SECONDS_LOADED"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT')
kill "$SAMPLER"; SAMPLER=
loaded=$(sort -n "$WORK/rss" | tail -n 1)
rm -rf "$WORK"
echo "raise load: $result"

echo
report "start-up, empty database (ms)" "$first_start" ms "startup probe budget" "$STARTUP_BUDGET_MS" 'r < 1'
report "start-up, migrated database (ms)" "$SERVICE_READY_MS" ms "startup probe budget" "$STARTUP_BUDGET_MS" 'r < 1'
report "RSS at rest (MiB)" "$at_rest" MiB "container limit" "$LIMIT_MB" 'r < 1'
report "RSS peak under raise load (MiB)" "$loaded" MiB "container limit" "$LIMIT_MB" 'r < 1'
