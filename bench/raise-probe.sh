#!/usr/bin/env bash
# A quick look at the raise, to compare two builds side by side (bench/raise.sh is the full measurement): on a new
# database, 15 s of raises at 8 connections from a cold start (no JIT warm-up), then two 20 s rounds at 16, each
# printed as wrk's RESULT line; then how the webhook deliveries stand. With BENCH_WEBHOOK=1 (the default here) the
# supplier has a webhook for every event, delivered to bench/receiver.py.
# Usage: bench/raise-probe.sh   Environment: BENCH_APP (the jar to run: another build's, to compare), BENCH_WEBHOOK,
#   BENCH_DB, BENCH_PORT.
source "$(dirname "$0")/lib.sh"
export BENCH_WEBHOOK=${BENCH_WEBHOOK:-1}
trap 'stop_service; stop_receiver' EXIT

round() { wrk -t2 -c"$1" -d"$2"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT'; }

start_probe
echo "cold, 8 connections, 15 s: $(round 8 15)"
echo "warm, 16 connections, 20 s: $(round 16 20)"
echo "warm, 16 connections, 20 s: $(round 16 20)"
sleep 3
echo "webhook deliveries by status: $(bench_psql -c "select status || ' ' || count(*) from webhook_delivery
  group by status" | tr '\n' ' ')"
