#!/usr/bin/env bash
# The raise's latency at a fixed rate, to compare two builds side by side (bench/raise.sh finds half its own peak and
# measures there): on a new database, 20 s at 8 connections to warm up, then two 30 s rounds at PROBE_RATE raises/s
# (90) over 16 connections, each printed as wrk's RESULT line. With BENCH_WEBHOOK=1 (the default here) the supplier
# has a webhook for every event, delivered to bench/receiver.py.
# Usage: bench/half-load-probe.sh   Environment: PROBE_RATE, BENCH_APP (the jar to run: another build's, to
#   compare), BENCH_WEBHOOK, BENCH_DB, BENCH_PORT.
source "$(dirname "$0")/lib.sh"
export BENCH_WEBHOOK=${BENCH_WEBHOOK:-1}
RATE=${PROBE_RATE:-90}
trap 'stop_service; stop_receiver' EXIT

round() { THREAD_RATE=${3:-} wrk -t2 -c"$1" -d"$2"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT'; }

start_probe
round 8 20 >/dev/null
thread_rate=$(python3 -c "print($RATE / 2)")
echo "$RATE raises/s, 16 connections, 30 s: $(round 16 30 "$thread_rate")"
echo "$RATE raises/s, 16 connections, 30 s: $(round 16 30 "$thread_rate")"
