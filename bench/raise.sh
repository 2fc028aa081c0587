#!/usr/bin/env bash
# (1) Raise incidents: peak throughput of POST /api/v1/incidents (routing, clocks, history and outbox rows, as
# the service writes them) and p50/p99 latency at half that rate. Reference: pgbench -N (the TPC-B-like
# transaction without the contended teller/branch updates) on the same database, in the same run, at the same
# client counts: the ceiling of small write transactions on this machine.
# Targets: peak >= 0.5 x pgbench's tps; p99 < 25 ms at half load.
# Usage: bench/raise.sh   Environment: RAISE_CONNECTIONS ("4 8 16"), RAISE_SECONDS (20), BENCH_PORT, BENCH_DB.
source "$(dirname "$0")/lib.sh"

CONNECTIONS=${RAISE_CONNECTIONS:-"4 8 16"}
SECONDS_EACH=${RAISE_SECONDS:-20}
trap stop_service EXIT

machine
need_wrk
prepare
start_service
raise_load_env
pgbench -i -q -s 10 "$PSQL_URL" 2>/dev/null

# wrk_raise CONNECTIONS SECONDS [THREAD_RATE]: one wrk run of bench/lua/raise.lua; prints its RESULT line.
wrk_raise() {
  THREAD_RATE=${3:-} wrk -t2 -c"$1" -d"$2"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT' \
    || { echo "wrk failed" >&2; exit 1; }
}
field() { sed -E "s/.*[[:space:]]$1=([0-9.]+).*/\1/" <<<"$2"; }

echo "warm-up: 10 s at 8 connections (JIT, pools), not counted"
wrk_raise 8 10 >/dev/null

best_rate=0; best_connections=0
for c in $CONNECTIONS; do
  result=$(wrk_raise "$c" "$SECONDS_EACH")
  rate=$(python3 -c "print(round($(field requests "$result") / $(field seconds "$result"), 1))")
  echo "service  $c connections: $rate raises/s, p99 $(($(field p99_us "$result") / 1000)) ms, errors $(field errors "$result")"
  [ "$(field errors "$result")" = 0 ] || { echo "FAIL: errors while raising" >&2; exit 1; }
  if python3 -c "exit(0 if $rate > $best_rate else 1)"; then best_rate=$rate; best_connections=$c; fi
done

best_tps=0
for c in $CONNECTIONS; do
  tps=$(pgbench -N -n -c "$c" -j 2 -T "$SECONDS_EACH" "$PSQL_URL" 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
  echo "pgbench -N $c clients: $tps tps"
  if python3 -c "exit(0 if $tps > $best_tps else 1)"; then best_tps=$tps; fi
done

half=$(python3 -c "print($best_rate / 2)")
result=$(wrk_raise "$best_connections" 30 "$(python3 -c "print($half / 2)")")
achieved=$(python3 -c "print(round($(field requests "$result") / $(field seconds "$result"), 1))")
[ "$(field errors "$result")" = 0 ] || { echo "FAIL: errors at half load" >&2; exit 1; }
echo "half load: asked $half raises/s over $best_connections connections, achieved $achieved"

echo
report "raise: peak throughput (raises/s)" "$best_rate" "/s" "pgbench -N peak tps" "$best_tps" 'r >= 0.5'
report "raise: achieved rate at half load" "$achieved" "/s" "half the peak" "$half" 'r >= 0.9'
report "raise: p50 at half load" "$(field p50_us "$result" | awk '{print $1 / 1000}')" "ms" "p99 target" 25
report "raise: p99 at half load" "$(field p99_us "$result" | awk '{print $1 / 1000}')" "ms" "target" 25 'f < 25'
