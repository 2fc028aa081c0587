#!/usr/bin/env bash
# (1) Raise incidents: peak throughput of POST /api/v1/incidents (routing, clocks, history, service-level record and
# outbox rows, as the service writes them, and the dispatch of those emails), and p50/p99 latency at half that rate.
# Two references, run in the same run on the same database at the same client counts:
#   - pgbench -N (the TPC-B-like transaction without the contended teller/branch updates): the ceiling of small
#     write transactions on this machine;
#   - pgbench replaying the raise's own SQL (bench/sql/raise.sql, the statements one raise and the dispatch of its
#     emails send, as pg_stat_statements shows them): what the data model costs, so that the ratio is what the
#     service adds.
# Before that, from a new database with auto_explain logging every plan, it checks that no statement runs a
# sequential scan on a table that grows with the incidents; after it, it generates RAISE_GROWN incidents
# (bench/generate.sh), vacuums and checkpoints it, raises until the raise's pages are in shared_buffers (printing
# each round, the first being the cold start), and measures the peak again, to show the cost of a raise does not
# grow with the data. Each peak is measured once the JIT has compiled the raise's paths: 20 s rounds of load first,
# until a round adds less than 1 s of compilation (printed; the first round is the cold start). The service sends
# its emails over SMTP to bench/smtp_sink.py, on the same cores, as it does in production. At the peak the
# dispatcher may fall behind (the outbox grows, and is sent before pgbench runs): the best rate whose emails it kept
# up with is printed beside it. Every measured round, the service's and pgbench's, starts from a vacuumed and
# analysed database, as autovacuum keeps one in service (it is off on these machines).
# Targets: peak >= 0.25 x pgbench -N and >= 0.5 x own SQL; p99 < 25 ms at half load; grown peak >= 0.8 x empty.
# Usage: bench/raise.sh   Environment: RAISE_CONNECTIONS ("4 8 16"), RAISE_SECONDS (20), RAISE_GROWN (1000000;
#   0 skips the growth check), PG_LOG (the server's log, for the plan check), RAISE_JVM_OPTIONS (added to the
#   service's command line, e.g. to compare settings), BENCH_WEBHOOK (1: the supplier has a webhook for every
#   event, delivered to bench/receiver.py; 0: none), BENCH_PORT, BENCH_DB.
source "$(dirname "$0")/lib.sh"
# The supplier has a webhook for every event, as an e-bonded supplier does (BENCH_WEBHOOK=0 measures without).
export BENCH_WEBHOOK=${BENCH_WEBHOOK:-1}

CONNECTIONS=${RAISE_CONNECTIONS:-"4 8 16"}
SECONDS_EACH=${RAISE_SECONDS:-20}
GROWN=${RAISE_GROWN:-1000000}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
trap 'stop_service; stop_receiver' EXIT

# wrk_raise CONNECTIONS SECONDS [THREAD_RATE]: one wrk run of bench/lua/raise.lua; prints its RESULT line.
wrk_raise() {
  THREAD_RATE=${3:-} wrk -t2 -c"$1" -d"$2"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT' \
    || { echo "wrk failed" >&2; exit 1; }
}
field() { sed -E "s/.*[[:space:]]$1=([0-9.]+).*/\1/" <<<"$2"; }
rate_of() { python3 -c "print(round($(field requests "$1") / $(field seconds "$1"), 1))"; }
larger() { python3 -c "exit(0 if $1 > $2 else 1)"; }
superuser_psql() { psql -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -U postgres -d "$BENCH_DB" "$@"; }
# vacuumed: what autovacuum does in service, which these machines turn off (autovacuum = off): the dead row versions
# the last round left (each email's lease and send, the webhook deliveries') vacuumed and the statistics refreshed.
# Every measured round, of the service or of pgbench, starts from it, so none is measured against the leftovers of
# the one before it.
vacuumed() { superuser_psql -c "vacuum analyze"; }

# plan_check: on the new database (migrated by a first start), every statement's plan is logged with its row
# counts (auto_explain, ANALYZE without timing) while the parties are registered and incidents raised for 20 s.
# A plan may rightly scan a table while it is nearly empty; a plan that scans it once it has grown is the trap (a
# plan kept from when it was empty). So it prints each table scanned sequentially with the most rows a scan of it
# read, and fails if a scan of one of the service's tables read 1,000 rows or more: by then a raise's own tables
# hold thousands. (The catalogue is scanned by the driver's and Hibernate's start-up queries.) An index read the
# whole way is the same trap (a dispatcher's claim gathering every due row of a backlog to take 50), so the same
# bound holds for the rows one statement read through an index, counted the same way.
plan_check() {
  start_service
  stop_service
  superuser_psql -c "alter database $BENCH_DB set session_preload_libraries = 'auto_explain'" \
    -c "alter database $BENCH_DB set auto_explain.log_min_duration = 0" \
    -c "alter database $BENCH_DB set auto_explain.log_analyze = on" \
    -c "alter database $BENCH_DB set auto_explain.log_timing = off"
  [ -r "$PG_LOG" ] || { echo "FAIL: cannot read the server log $PG_LOG (set PG_LOG)" >&2; exit 1; }
  local offset result; offset=$(stat -c %s "$PG_LOG")
  start_service ${RAISE_JVM_OPTIONS:-}
  raise_load_env
  result=$(wrk_raise 8 20)
  [ "$(field errors "$result")" = 0 ] || { echo "FAIL: errors while raising for the plan check" >&2; exit 1; }
  stop_service
  for setting in session_preload_libraries auto_explain.log_min_duration auto_explain.log_analyze \
      auto_explain.log_timing; do
    superuser_psql -c "alter database $BENCH_DB reset $setting"
  done
  tail -c +"$((offset + 1))" "$PG_LOG" | python3 -c '
import re, sys
plans, most, scan = 0, {"sequentially": {}, "through an index": {}}, None
for line in sys.stdin:
    if "plan:" in line:
        plans += 1
    m = re.search(r"(?<!Bitmap )(Seq|Index|Index Only|Bitmap Heap) Scan(?: Backward)? (?:using \w+ )?on (\w+).*"
                  r"\(actual rows=(\d+) loops=(\d+)\)", line)
    if m:
        read = most["sequentially" if m.group(1) == "Seq" else "through an index"]
        scan = [read, m.group(2), int(m.group(4)), int(m.group(3)) * int(m.group(4))]
        read[scan[1]] = max(read.get(scan[1], 0), scan[3])
        continue
    m = re.search(r"Rows Removed by (?:Index Recheck|Filter): (\d+)", line)
    if m and scan:
        # a count per loop, as the rows are; the conditions of the scan (Filter, Recheck Cond) come between. Added
        # to the count of this scan alone: added to the most so far of the table, every scan that removed rows added
        # up (webhook_subscription 1,320 rows, one at a time, when dispatcher runs came with every commit)
        scan[3] += int(m.group(1)) * scan[2]
        scan[0][scan[1]] = max(scan[0][scan[1]], scan[3])
    elif "(actual " in line or "plan:" in line:
        scan = None
if plans == 0:
    sys.exit("FAIL: no plan logged: is auto_explain installed?")
grown = sorted({t for read in most.values() for t, n in read.items() if n >= 1000 and not t.startswith("pg_")})
for how, read in most.items():
    print(f"plan check: {plans} plans logged; tables read {how} (most rows one scan read, over its loops): "
          + (", ".join(f"{t} {n}" for t, n in sorted(read.items(), key=lambda kv: -kv[1])[:8]) or "none"))
print("raise: plans on a new database: " + ("scans of grown tables: " + ", ".join(grown) + " | target none: MISSED"
      if grown else "no scan read 1,000 rows | target none: met"))
'
}

# peak: the best raise rate over the client counts; sets BEST_RATE, BEST_CONNECTIONS and BEST_KEPT_UP. Each round
# also counts the emails its raises wrote and those the dispatcher recorded sent meanwhile: where it sent fewer, the
# outbox grew. A round's rate with its emails kept up is its rate scaled by sent / written (at most 1); BEST_KEPT_UP
# is the best of those, the rate the service sustains with its emails.
peak() {
  BEST_RATE=0; BEST_CONNECTIONS=0; BEST_KEPT_UP=0
  until_compiled "warm-up (not counted; the first round is the cold start)" wrk_raise 8 20
  for c in $CONNECTIONS; do
    local result rate from written sent kept_up
    vacuumed
    from=$(bench_psql -c "select now()")
    result=$(wrk_raise "$c" "$SECONDS_EACH")
    read -r written sent <<<"$(bench_psql -F ' ' -c "select count(*) filter (where created_at >= '$from'),
      count(*) filter (where sent_at >= '$from') from notification where created_at >= '$from' or sent_at >= '$from'")"
    rate=$(rate_of "$result")
    kept_up=$(python3 -c "print(round($rate * min(1, $sent / max($written, 1)), 1))")
    echo "service  $c connections: $rate raises/s, p99 $(($(field p99_us "$result") / 1000)) ms, errors $(field errors "$result"); emails written $written, sent $sent"
    [ "$(field errors "$result")" = 0 ] || { echo "FAIL: errors while raising" >&2; exit 1; }
    if larger "$rate" "$BEST_RATE"; then BEST_RATE=$rate; BEST_CONNECTIONS=$c; fi
    if larger "$kept_up" "$BEST_KEPT_UP"; then BEST_KEPT_UP=$kept_up; fi
  done
}

# warm_buffers: raises at 16 connections in rounds of RAISE_SECONDS until the raise's statements read fewer than
# 0.1 blocks a raise from outside shared_buffers (pg_stat_statements), at most 8 rounds. A database in service
# holds the pages its raises touch (the right edges of its indexes, the free space of its tables) in its buffers;
# a generated one starts with none of them there. Prints each round: the first is the cold-start figure.
warm_buffers() {
  for round in 1 2 3 4 5 6 7 8; do
    local before result raised reads
    before=$(bench_psql -c "select count(*) from incident")
    statements_reset || { echo "FAIL: pg_stat_statements is not loaded (shared_preload_libraries)" >&2; exit 1; }
    result=$(wrk_raise 16 "$SECONDS_EACH")
    raised=$(($(bench_psql -c "select count(*) from incident") - before))
    reads=$(superuser_psql -c "select round(coalesce(sum(shared_blks_read), 0)::numeric / greatest($raised, 1), 2)
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())")
    echo "buffer warm-up round $round: $(rate_of "$result") raises/s, $reads blocks read a raise"
    larger 0.1 "$reads" && return 0
  done
  echo "buffer warm-up: reads did not settle below 0.1 a raise in 8 rounds"
}

# pgbench_peak LABEL ARGS...: the best tps of pgbench ARGS over the client counts.
pgbench_peak() {
  local label=$1 best=0; shift
  for c in $CONNECTIONS; do
    local tps
    vacuumed
    tps=$(pgbench -n -c "$c" -j 2 -T "$SECONDS_EACH" "$@" "$PSQL_URL" 2>&1 | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
    [ -n "$tps" ] || { echo "FAIL: pgbench $label" >&2; pgbench -n -c 1 -t 1 "$@" "$PSQL_URL" >&2; exit 1; }
    echo "$label $c clients: $tps tps" >&2
    if larger "$tps" "$best"; then best=$tps; fi
  done
  echo "$best"
}

machine
need_wrk
start_receiver
prepare
export BENCH_BUILT=1  # built once by the first prepare
plan_check

prepare
start_service ${RAISE_JVM_OPTIONS:-}
raise_load_env
pgbench -i -q -s 10 "$PSQL_URL" 2>/dev/null
peak
await_outbox

best_tps=$(pgbench_peak "pgbench -N" -N)
webhook=$(bench_psql -c "select coalesce(max(id), 0) from webhook_subscription")
# Prepared, as the service keeps a raise's inserts (common/database/ServerPlans); the dispatch's records, which the
# service sends unnamed, are prepared here too, in pgbench's favour.
own_tps=$(pgbench_peak "own SQL" -M prepared -f "$BENCH_DIR/sql/raise.sql" -D deployment="$DEPLOYMENT" \
  -D year="$(date +%Y)" -D webhook="$webhook")

half=$(python3 -c "print($BEST_RATE / 2)")
vacuumed
at_half=$(wrk_raise "$BEST_CONNECTIONS" 30 "$(python3 -c "print($half / 2)")")
achieved=$(rate_of "$at_half")
[ "$(field errors "$at_half")" = 0 ] || { echo "FAIL: errors at half load" >&2; exit 1; }
echo "half load: asked $half raises/s over $BEST_CONNECTIONS connections, achieved $achieved"

grown_rate=
if [ "$GROWN" != 0 ]; then
  stop_service
  prepare
  "$BENCH_DIR/generate.sh" "$GROWN" >/dev/null
  # A database in service has been vacuumed and checkpointed since its rows were written; a bulk load just made
  # has neither, and its dirty pages would be written back by the raises measured.
  superuser_psql -c "vacuum analyze" -c "checkpoint"
  start_service ${RAISE_JVM_OPTIONS:-}
  raise_load_env
  empty_rate=$BEST_RATE; empty_kept_up=$BEST_KEPT_UP
  echo "on $(bench_psql -c "select count(*) from incident") incidents:"
  warm_buffers
  # The same warm-up and client counts as on the new database: a service measured before its JIT has compiled
  # the raise's paths would be measured, not the data.
  peak
  grown_rate=$BEST_RATE
  BEST_RATE=$empty_rate; BEST_KEPT_UP=$empty_kept_up
fi

echo
report "raise: peak throughput (raises/s)" "$BEST_RATE" "/s" "pgbench -N peak tps" "$best_tps" 'r >= 0.25'
report "raise: peak with its emails kept up" "$BEST_KEPT_UP" "/s" "peak" "$BEST_RATE"
report "raise: peak against its own SQL (raises/s)" "$BEST_RATE" "/s" "own SQL peak tps" "$own_tps" 'r >= 0.5'
report "raise: achieved rate at half load" "$achieved" "/s" "half the peak" "$half" 'r >= 0.9'
report "raise: p50 at half load" "$(field p50_us "$at_half" | awk '{print $1 / 1000}')" "ms" "p99 target" 25
report "raise: p99 at half load" "$(field p99_us "$at_half" | awk '{print $1 / 1000}')" "ms" "target" 25 'f < 25'
if [ -n "$grown_rate" ]; then
  report "raise: peak on $GROWN incidents (raises/s)" "$grown_rate" "/s" "empty database" "$BEST_RATE" 'r >= 0.8'
fi
