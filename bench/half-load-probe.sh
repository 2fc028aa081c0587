#!/usr/bin/env bash
# The raise's latency at a fixed rate, to compare two builds or two settings side by side (bench/raise.sh finds half
# its own peak and measures there): on a new database, 20 s rounds at PROBE_RATE until one adds less than 1 s of JIT
# compilation (on 2 cores the compiler takes about half a core for the first minutes, and a round taken meanwhile
# measures the warm-up), the outbox they wrote sent, then PROBE_ROUNDS 30 s rounds (2) at PROBE_RATE raises/s (90)
# over 16 connections, each printed as wrk's RESULT line. With BENCH_WEBHOOK=1 (the default here) the supplier has a
# webhook for every event, delivered to bench/receiver.py.
# Usage: bench/half-load-probe.sh   Environment: PROBE_RATE, PROBE_ROUNDS, PROBE_OPTIONS (JVM options for the
#   service, e.g. -Dincidents.notifications.concurrency=1), BENCH_APP (the jar to run: another build's, to compare),
#   BENCH_WEBHOOK, BENCH_DB, BENCH_PORT.
source "$(dirname "$0")/lib.sh"
export BENCH_WEBHOOK=${BENCH_WEBHOOK:-1}
RATE=${PROBE_RATE:-90}
trap 'stop_service; stop_receiver' EXIT

round() { THREAD_RATE=${3:-} wrk -t2 -c"$1" -d"$2"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT'; }

# shellcheck disable=SC2086 # the options are words
start_probe ${PROBE_OPTIONS:-}
thread_rate=$(python3 -c "print($RATE / 2)")
until_compiled "warm-up at $RATE raises/s" round 16 20 "$thread_rate"
await_outbox
for _ in $(seq 1 "${PROBE_ROUNDS:-2}"); do
  echo "$RATE raises/s, 16 connections, 30 s: $(round 16 30 "$thread_rate")"
done
