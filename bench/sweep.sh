#!/usr/bin/env bash
# (3) Sweep: how long the service-level sweep takes to record 1,000 due thresholds among 1,000,000 open
# incidents, against the same with 10,000 open incidents. Each dataset is generated all open (bench/generate.sh
# COUNT 1 0); the service runs with the sweep every second and both dispatchers off (`off`: a dispatcher that runs at
# all keeps sending while its batches come back full, and the sweep writes more than a batch a second), so that only
# the sweep is timed; each round makes DUE clocks due (bench/sql/sweep-due.sql) and reads how long the sweep that
# took them ran, from the service's own log line. Each due clock has one threshold due (its warning), as the sweep
# finds them in service; SWEEP_CATCH_UP=1 makes them past due, as after downtime: both flags to set, the breach alone
# to record and tell.
# Warm-up rounds run until one adds less than 0.1 s of JIT compilation (at least WARM_UP, at most 60): on 2 cores
# the compiler takes more CPU than the sweep for the first few dozen rounds. The median of the ROUNDS after is
# reported.
# With pg_stat_statements loaded (shared_preload_libraries), each dataset's measured rounds are followed by what
# PostgreSQL spent on each of the service's statements per round: calls, execution and planning ms (planning with
# pg_stat_statements.track_planning on), rows, and the WAL written (full-page images and kB).
# Targets: under 100 ms with 1,000,000 open; within 2x of the 10,000-open figure.
# Usage: bench/sweep.sh [LARGE [SMALL]]   (1000000, 10000)
#   Environment: SWEEP_DUE (1000 clocks), SWEEP_CATCH_UP (0), SWEEP_ROUNDS (8), SWEEP_WARM_UP (3), and
#   SWEEP_OPTIONS: JVM options for the service (e.g. -Dincidents.sla.sweep.concurrency=1).
source "$(dirname "$0")/lib.sh"

LARGE=${1:-1000000}
SMALL=${2:-10000}
DUE=${SWEEP_DUE:-1000}
ROUNDS=${SWEEP_ROUNDS:-8}
WARM_UP=${SWEEP_WARM_UP:-3}
CATCH_UP=${SWEEP_CATCH_UP:-0}
THRESHOLDS=$DUE  # a clock past both thresholds tells its breach alone
trap stop_service EXIT

due_now() { bench_psql -c "select count(*) from sla_clock where next_threshold_at <= now()"; }

# wait_until_swept: waits (up to a minute) until no clock is due.
wait_until_swept() {
  for _ in $(seq 1 120); do
    [ "$(due_now)" = 0 ] && return 0
    sleep 0.5
  done
  echo "FAIL: clocks still due after a minute" >&2
  exit 1
}

# swept_since LINE MADE: the clocks and milliseconds of the sweeps logged after line LINE of the service log, up to
# the one that brings them to MADE clocks (a sweep already running when the clocks became due leaves them to the
# next; clocks falling due by themselves meanwhile are counted in); empty until then.
swept_since() {
  grep 'Swept ' "$SERVICE_LOG" | tail -n +"$(($1 + 1))" | awk -v due="$2" '
    { clocks += $(NF - 4); ms += $(NF - 1) } clocks >= due { print clocks, ms; exit }'
}

# sweep_median COUNT: generates COUNT open incidents, runs the rounds, prints the median sweep in ms.
sweep_median() {
  prepare >&2
  "$BENCH_DIR/generate.sh" "$1" 1 0 >&2
  # shellcheck disable=SC2086 # SWEEP_OPTIONS holds several options
  start_service ${SWEEP_OPTIONS:-} -Dincidents.sla.sweep.every=1s -Dincidents.notifications.dispatch-every=off \
    -Dincidents.webhooks.dispatch-every=off \
    -Dquarkus.log.category.\"uk.nhs.incidents.incident.service.ServiceLevelSweep\".level=DEBUG
  wait_until_swept
  local times=() round=0 warm=0 statements=no
  while [ "${#times[@]}" -lt "$ROUNDS" ]; do
    round=$((round + 1))
    local seen compiled_before compiled
    seen=$(grep -c 'Swept ' "$SERVICE_LOG" || true)
    local made taken=
    compiled_before=$(compile_seconds)
    made=$(bench_psql -v due="$DUE" -v catch_up="$CATCH_UP" -f "$BENCH_DIR/sql/sweep-due.sql")
    for _ in $(seq 1 120); do
      taken=$(swept_since "$seen" "$made")
      [ -n "$taken" ] && break
      sleep 0.5
    done
    [ -n "$taken" ] || { echo "FAIL: the sweep did not take $made clocks within a minute" >&2; exit 1; }
    # A small dataset may hold fewer clocks in the state asked for than DUE: its time is scaled to DUE clocks, as a
    # sweep's work is per clock (batches of 500).
    local scaled; scaled=$(python3 -c "print(round(${taken#* } * $DUE / ${taken% *}, 1))")
    compiled=$(python3 -c "print(round($(compile_seconds) - $compiled_before, 2))")
    echo "  $1 open, round $round: $taken (clocks, ms); $scaled ms for $DUE; JIT compiling $compiled s" >&2
    if [ "$warm" = 1 ]; then
      times+=("$scaled")
    elif [ "$round" -ge "$WARM_UP" ] && python3 -c "exit(0 if $compiled < 0.1 or $round >= 60 else 1)"; then
      warm=1
      statements_reset && statements=yes || statements=no
    fi
  done
  [ "$statements" = no ] || statements_each "$ROUNDS" round \
    'sla_clock s set warning_fired|^select count\(\*\) from sla_clock where next_threshold_at' >&2
  stop_service
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

machine
large=$(sweep_median "$LARGE")
small=$(sweep_median "$SMALL")
echo
report "sweep of $THRESHOLDS thresholds, $LARGE open (ms)" "$large" ms "target" 100 'f < 100'
report "sweep of $THRESHOLDS thresholds, $LARGE open (ms)" "$large" ms "same with $SMALL open" "$small" 'r <= 2'
