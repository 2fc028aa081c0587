#!/usr/bin/env bash
# Shared helpers for the benchmarks: a service started from the packaged jar against its own database.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_DB=${BENCH_DB:-incidents_bench}
BENCH_PORT=${BENCH_PORT:-8090}
BENCH_RECEIVER_PORT=${BENCH_RECEIVER_PORT:-$((BENCH_PORT + 1))}
BENCH_SMTP_PORT=${BENCH_SMTP_PORT:-$((BENCH_PORT + 2))}
BASE="http://127.0.0.1:$BENCH_PORT"
# The niceness of the mail sink and the webhook receiver (0): they stand for servers elsewhere, which in service take
# none of the service's CPU; 19 lets them run only on what the service and PostgreSQL leave. For rates below
# saturation: on saturated cores they are starved, and the dispatchers wait on them.
BENCH_PEERS_NICE=${BENCH_PEERS_NICE:-0}
# The PostgreSQL the benchmark's database is on (bench/db-restart.sh restarts a cluster of its own, on another port).
BENCH_PG_PORT=${BENCH_PG_PORT:-5432}
PSQL_URL="postgresql://postgres@127.0.0.1:$BENCH_PG_PORT/$BENCH_DB"
export BENCH_LUA="$BENCH_DIR/lua"

token() { java "$ROOT/src/test/java/uk/nhs/incidents/security/DevToken.java" "$@"; }

bench_psql() { psql -v ON_ERROR_STOP=1 -qAt "$PSQL_URL" "$@"; }

# statements_reset: starts counting the statements afresh; fails when pg_stat_statements is not loaded
# (shared_preload_libraries).
statements_reset() {
  bench_psql -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" \
    >/dev/null 2>&1
}

# statements_each COUNT UNIT [EXCLUDE]: the 12 costliest statements of BENCH_DB since statements_reset, each per UNIT
# (COUNT of them: rounds, raises): calls, execution and planning ms (planning with pg_stat_statements.track_planning
# on), rows, and the WAL they wrote: full-page images (a page's first change since a checkpoint writes the whole
# page) and kB; statements whose text matches the regular expression EXCLUDE (the benchmark's own) left out.
statements_each() {
  echo "  statements a $2 (calls, execution ms, planning ms, rows, WAL full-page images, WAL kB):"
  { bench_psql -F ' | ' -v count="$1" -v exclude="${3:-^$}" <<'EOF'
select round(calls::numeric / :count, 1), round(total_exec_time::numeric / :count, 3),
       round(total_plan_time::numeric / :count, 3), round(rows::numeric / :count, 1),
       round(wal_fpi::numeric / :count, 1), round(wal_bytes / 1024 / :count, 1),
       left(regexp_replace(query, '\s+', ' ', 'g'), 100)
from pg_stat_statements s join pg_database d on d.oid = s.dbid
where d.datname = current_database() and query !~ 'pg_stat_statements' and query !~ :'exclude'
order by total_exec_time + total_plan_time desc limit 12
EOF
  } | sed 's/^/    /'
}

# The figures depend on the machine, so every script prints it first.
machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)," \
    "PostgreSQL $(psql -qAt -h 127.0.0.1 -U postgres -d postgres -c 'show server_version')," \
    "$(java -version 2>&1 | head -n 1)"
}

need_wrk() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
}

# Builds the application (unless BENCH_BUILT=1, which all.sh sets after its one build) and recreates the
# benchmark database, so every run starts empty.
prepare() {
  PGPORT=$BENCH_PG_PORT "$ROOT/src/scripts/ensure-postgres.sh" postgres >/dev/null
  psql -qAt -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d postgres -c "drop database if exists $BENCH_DB with (force)"
  PGPORT=$BENCH_PG_PORT "$ROOT/src/scripts/ensure-postgres.sh" "$BENCH_DB" >/dev/null
  if [ "${BENCH_BUILT:-0}" != 1 ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests); fi
}

# generated COUNT REUSE: keeps the benchmark database where REUSE is 1 and it holds COUNT incidents; otherwise
# recreates it and generates COUNT incidents (bench/generate.sh).
generated() {
  if [ "$2" = 1 ] && [ "$(bench_psql -c "select count(*) from incident" 2>/dev/null)" = "$1" ]; then
    echo "reusing $BENCH_DB with $1 incidents"
  else
    prepare
    "$BENCH_DIR/generate.sh" "$1"
  fi
}

# report LABEL FIGURE UNIT REFERENCE_LABEL REFERENCE [TARGET]: one line with the figure, its reference, their
# ratio, and whether TARGET holds: a Python condition on f (the figure) and r (the ratio), e.g. 'r >= 0.5'.
report() {
  python3 -c '
import sys
label, figure, unit, ref_label, ref = sys.argv[1:6]
target = sys.argv[6] if len(sys.argv) > 6 else None
f, ref = float(figure), float(ref)
r = f / ref if ref else float("inf")
line = f"{label:<40} {f:>9.2f} {unit:<4} | {ref_label} {ref:.2f} | ratio {r:.2f}"
if target:
    line += f" | target {target}: " + ("met" if eval(target, {}, {"f": f, "r": r}) else "MISSED")
print(line)
' "$@"
}

# start_service JVM_OPTIONS...: starts the service (BENCH_APP, by default this tree's packaged jar; another build's
# jar to compare with it) in the background; sets SERVICE_PID, SERVICE_LOG and
# SERVICE_READY_MS (from launch to the first ready answer of /q/health/ready, polled every 50 ms).
start_service() {
  # A service left running on the port would answer the readiness check and be measured instead.
  if curl -s -o /dev/null "$BASE/q/health/ready"; then
    echo "port $BENCH_PORT is already taken: stop what runs there first" >&2; return 1
  fi
  start_smtp_sink
  SERVICE_LOG=$(mktemp)
  local launched; launched=$(date +%s%N)
  # Emails go over SMTP to the sink, as in production: the dev profile's mock mailer would keep each in the heap.
  java "$@" -Dquarkus.profile=dev -Dquarkus.http.port="$BENCH_PORT" \
    -Dquarkus.mailer.mock=false -Dquarkus.mailer.host=127.0.0.1 -Dquarkus.mailer.port="$BENCH_SMTP_PORT" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/$BENCH_DB" \
    -Dquarkus.log.level=WARN -jar "${BENCH_APP:-$ROOT/target/quarkus-app/quarkus-run.jar}" >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 1200); do
    if curl -sf "$BASE/q/health/ready" >/dev/null; then
      SERVICE_READY_MS=$((($(date +%s%N) - launched) / 1000000))
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$SERVICE_LOG"; return 1; }
    sleep 0.05
  done
  echo "service did not become ready" >&2; cat "$SERVICE_LOG"; return 1
}

# compile_seconds: the CPU time the service's JIT compiler threads have used so far, in seconds (jstat's compile
# time is wall time, which grows with the wait for a core as much as with the work).
compile_seconds() {
  local task ticks=0
  for task in /proc/"$SERVICE_PID"/task/*; do
    if [[ $(cat "$task/comm" 2>/dev/null) == C[12]" CompilerThre"* ]]; then
      # utime and stime, counted after the thread's name, which holds a space
      ticks=$((ticks + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}')))
    fi
  done
  echo "$((ticks / $(getconf CLK_TCK))).$(printf '%02d' $((ticks % $(getconf CLK_TCK) * 100 / $(getconf CLK_TCK))))"
}

# until_compiled LABEL COMMAND...: runs COMMAND (a load of about 20 s, printing a wrk RESULT line) again and again
# until one run adds less than 1 s of JIT compilation, at most 12 times; prints each run's rate and compile time.
# On 2 cores the C2 compiler takes about half a core for the first three minutes of load: a figure taken meanwhile
# measures the warm-up, not the service.
until_compiled() {
  local label=$1; shift
  for round in 1 2 3 4 5 6 7 8 9 10 11 12; do
    local before result compiled
    before=$(compile_seconds)
    result=$("$@")
    compiled=$(python3 -c "print(round($(compile_seconds) - $before, 2))")
    echo "$label round $round: $(sed -E 's/.* requests=([0-9]+) seconds=([0-9.]+) .*p99_us=([0-9]+).*/\1 \2 \3/' \
      <<<"$result" | awk '{printf "%.1f/s, p99 %d ms", $1 / $2, $3 / 1000}'), JIT compiling ${compiled} s"
    python3 -c "exit(0 if $compiled < 1 else 1)" && return 0
  done
  echo "$label: compilation did not settle below 1 s a round in 12 rounds"
}

# await_outbox: waits, at most 10 minutes, until the service has tried every email and webhook delivery its load
# wrote (a retry waiting out its backoff is not waited for); prints how long that took. A peak of raises leaves a
# backlog that the dispatchers send for minutes after: a figure taken meanwhile shares the cores with it.
await_outbox() {
  local started; started=$(date +%s)
  for _ in $(seq 1 600); do
    if [ "$(bench_psql -c "select (select count(*) from notification where status = 'PENDING' and attempts = 0)
        + (select count(*) from webhook_delivery where status = 'PENDING' and attempts = 0)")" = 0 ]; then
      echo "outbox sent in $(($(date +%s) - started)) s"
      return 0
    fi
    sleep 1
  done
  echo "FAIL: the outbox was not sent within 10 minutes" >&2; return 1
}

# rss_mb PID: resident memory now, in MiB.
rss_mb() { awk '/^VmRSS/ {printf "%.0f\n", $2 / 1024}' "/proc/$1/status"; }

stop_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  if [ -n "${SMTP_PID:-}" ] && kill "$SMTP_PID" 2>/dev/null; then
    wait "$SMTP_PID" 2>/dev/null || true
    echo "mail sink: took $(cat "/tmp/bench-smtp-$BENCH_SMTP_PORT.count" 2>/dev/null || echo '?') emails" >&2
  fi
  SMTP_PID=
}

# start_smtp_sink: a mail server that accepts and discards every email (bench/smtp_sink.py) on BENCH_SMTP_PORT, for
# the service started next; sets SMTP_PID. stop_service stops it.
start_smtp_sink() {
  [ -n "${SMTP_PID:-}" ] && return 0
  nice -n "$BENCH_PEERS_NICE" python3 "$BENCH_DIR/smtp_sink.py" "$BENCH_SMTP_PORT" &
  SMTP_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_SMTP_PORT") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "the mail sink did not start" >&2; return 1
}

# seed_site: registers a supplier, a provider and an ICB and their deployment; prints the deployment id.
seed_site() {
  local admin; admin=$(token admin X26)
  for org in \
    '{"odsCode":"YGM01","name":"Acme Health Systems","type":"SUPPLIER","incidentMailbox":"sd@acme.example","csoMailbox":"cso@acme.example"}' \
    '{"odsCode":"RX9","name":"North Ambulance Service","type":"PROVIDER","incidentMailbox":"inc@nas.example","csoMailbox":"cso@nas.example"}' \
    '{"odsCode":"QNQ","name":"Example ICB","type":"ICB","incidentMailbox":"inc@icb.example"}'; do
    curl -sf -o /dev/null -X POST "$BASE/api/v1/organisations" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "$org"
  done
  curl -sf -X POST "$BASE/api/v1/deployments" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"systemName":"Acme 111 Connect","supplier":"YGM01","provider":"RX9","icb":"QNQ","programme":"BARS","procurementRoute":"COMMISSIONER"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# The national parties, so that routing informs them of high-severity incidents as it would in service.
seed_national() {
  local admin; admin=$(token admin X26)
  for org in \
    '{"odsCode":"X24","name":"National Commercial and Procurement Hub","type":"PROCUREMENT_HUB","incidentMailbox":"hub@nhs.example"}' \
    '{"odsCode":"X26SD","name":"National Service Desk","type":"NATIONAL_SERVICE_DESK","incidentMailbox":"nsd@nhs.example"}' \
    '{"odsCode":"X26BR","name":"BaRS Programme","type":"BARS_PROGRAMME","incidentMailbox":"bars@nhs.example"}'; do
    curl -sf -o /dev/null -X POST "$BASE/api/v1/organisations" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "$org"
  done
}

# start_receiver: a webhook receiver (bench/receiver.py) on BENCH_RECEIVER_PORT, answering 204; sets RECEIVER_PID.
start_receiver() {
  nice -n "$BENCH_PEERS_NICE" python3 "$BENCH_DIR/receiver.py" "$BENCH_RECEIVER_PORT" &
  RECEIVER_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$BENCH_RECEIVER_PORT/" && return 0
    sleep 0.05
  done
  echo "the webhook receiver did not start" >&2; return 1
}

stop_receiver() {
  [ -n "${RECEIVER_PID:-}" ] && kill "$RECEIVER_PID" 2>/dev/null && wait "$RECEIVER_PID" 2>/dev/null || true
}

# register_webhook ORG: the organisation's integration registers a webhook for every event to the receiver.
register_webhook() {
  curl -sf -o /dev/null -X POST "$BASE/api/v1/webhooks" -H "Authorization: Bearer $(token integration "$1")" \
    -H 'Content-Type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$BENCH_RECEIVER_PORT/hooks\",\"events\":[\"*\"]}"
}

# raise_load_env: seeds a site and the national parties, and exports what bench/lua/raise.lua reads. With
# BENCH_WEBHOOK=1 the supplier has a webhook for every event, as an e-bonded supplier does, so each raise also
# decides its audience and writes a delivery (start_receiver first).
raise_load_env() {
  seed_national
  DEPLOYMENT=$(seed_site)
  if [ "${BENCH_WEBHOOK:-0}" = 1 ]; then register_webhook YGM01; fi
  TOKEN=$(token provider RX9 bench@nas.example)
  OCCURRED_AT=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
  export DEPLOYMENT TOKEN OCCURRED_AT
}

# A live incident on deployment $1, raised with token $2, to attach evidence to; prints its id.
raise_for_evidence() {
  curl -sf -X POST "$BASE/api/v1/incidents" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -d "{\"deploymentId\":$1,\"phase\":\"LIVE\",\"severity\":2,\"title\":\"Referral lost\",\"description\":\"Call recording attached\",\"occurredAt\":\"2026-01-01T09:00:00Z\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# A WAV file at $1: a header and $2 MiB of noise.
write_wav() {
  python3 - "$1" "$2" <<'PY'
import os, struct, sys
path, mb = sys.argv[1], int(sys.argv[2])
data = mb * 1024 * 1024 - 44
with open(path, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + data) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
            + b"data" + struct.pack("<I", data))
    block = os.urandom(1024 * 1024)
    written = 0
    while written < data:
        n = min(len(block), data - written)
        f.write(block[:n]); written += n
PY
}

# start_probe [JVM_OPTIONS...]: what the probes comparing two builds share: the machine printed, a new database,
# the webhook receiver, the service (BENCH_APP, with JVM_OPTIONS), a seeded site with the load's environment
# (raise_load_env).
start_probe() {
  machine
  need_wrk
  export BENCH_BUILT=${BENCH_BUILT:-0}
  prepare
  start_receiver
  start_service "$@"
  raise_load_env
}
