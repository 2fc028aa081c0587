#!/usr/bin/env bash
# (2) Work queues at scale: on COUNT generated incidents (bench/generate.sh), the p50/p99 latency over HTTP of the
# largest supplier's work queue (?sort=resolutionDue), its ?slaState=BREACHED list, and GET by id of its
# incidents, each against the SQL the service runs for it (bench/sql/queues/*.sql) timed by pgbench on the same
# database. One client each, one request after another. Target: p99 < 20 ms over HTTP.
# Usage: bench/queues.sh [COUNT]   (1000000)
#   QUEUES_REUSE=1 keeps a database already generated with COUNT incidents; QUEUES_SECONDS (15) per measurement;
#   QUEUES_WARM_UP (20) seconds of each list read first, not counted.
source "$(dirname "$0")/lib.sh"

COUNT=${1:-1000000}
SECONDS_EACH=${QUEUES_SECONDS:-15}
WORK=$(mktemp -d)
cleanup() {
  stop_service
  rm -rf "$WORK"
}
trap cleanup EXIT

machine
need_wrk
generated "$COUNT" "${QUEUES_REUSE:-0}"

start_service
SUPPLIER=$(bench_psql -c "select supplier_ods from incident where status in ('NEW', 'TRIAGED', 'IN_PROGRESS',
  'AWAITING_INFO') group by 1 order by count(*) desc limit 1")
export TOKEN
TOKEN=$(token supplier "$SUPPLIER")
bench_psql -c "drop table if exists bench_queue_ids" \
  -c "create table bench_queue_ids as select row_number() over () as n, id from (select id from incident
      where supplier_ods = '$SUPPLIER' order by random() limit 1000) s" \
  -c "alter table bench_queue_ids add primary key (n)"
bench_psql -c "select id from bench_queue_ids" >"$WORK/ids"
echo "supplier $SUPPLIER: $(bench_psql -c "select count(*) from incident where supplier_ods = '$SUPPLIER'") incidents," \
  "$(bench_psql -c "select count(*) from incident where supplier_ods = '$SUPPLIER' and status in ('NEW', 'TRIAGED',
  'IN_PROGRESS', 'AWAITING_INFO')") open"

# The generator writes clocks as the service would: check a sample of them against the service's own view.
ADMIN=$(token admin X26)
for id in $(bench_psql -c "select id from incident where status in ('NEW', 'TRIAGED', 'IN_PROGRESS', 'AWAITING_INFO')
    order by random() limit 20"); do
  curl -sf "$BASE/api/v1/incidents/$id" -H "Authorization: Bearer $ADMIN"; echo
done >"$WORK/sample.json"
SAMPLED=$(python3 -c 'import json, sys; print(",".join(str(json.loads(l)["id"]) for l in open(sys.argv[1]) if l.strip()))' \
  "$WORK/sample.json")
bench_psql -F ' ' -c "select incident_id, kind, state, coalesce(extract(epoch from due_at)::bigint::text, '-')
  from sla_clock where incident_id in ($SAMPLED)" >"$WORK/stored.txt"
python3 - "$WORK/sample.json" "$WORK/stored.txt" <<'PY'
import json, sys
from datetime import datetime
stored = {(int(i), k): (s, d) for i, k, s, d in (l.split() for l in open(sys.argv[2]) if l.strip())}
agree = total = 0
for line in filter(str.strip, open(sys.argv[1])):
    incident = json.loads(line)
    for kind, clock in incident["sla"].items():
        state, due = stored[(incident["id"], kind.upper())]
        shown = "RUNNING" if clock["state"] == "AT_RISK" else clock["state"]
        shown_due = str(int(datetime.fromisoformat(clock["dueAt"]).timestamp())) if clock.get("dueAt") else "-"
        total += 1
        agree += shown == state and shown_due == due
print(f"generated clocks agreeing with the service's own computation: {agree} of {total}")
PY

# wrk_get LABEL PATH [IDS_FILE]: warms up, then prints "p50_ms p99_ms" of one connection for SECONDS_EACH.
wrk_get() {
  URL_PATH=$2 IDS_FILE=${3:-} wrk -t1 -c1 -d5s -s "$BENCH_LUA/get.lua" "$BASE" >/dev/null
  local result
  result=$(URL_PATH=$2 IDS_FILE=${3:-} wrk -t1 -c1 -d"$SECONDS_EACH"s -s "$BENCH_LUA/get.lua" "$BASE" | grep '^RESULT')
  [[ $result == *" errors=0 "* ]] || { echo "FAIL: errors on $1: $result" >&2; exit 1; }
  sed -E 's/.* p50_us=([0-9]+) p99_us=([0-9]+).*/\1 \2/' <<<"$result" | awk '{print $1 / 1000, $2 / 1000}'
}

# pgbench_sql FILE: the same for the service's SQL, from pgbench's per-transaction log; prepared statements with
# bound parameters, as the JDBC driver sends them.
pgbench_sql() {
  rm -f "$WORK"/pgbench_log*
  pgbench -n -M prepared -c 1 -T 5 -D supplier="$SUPPLIER" -f "$1" "$PSQL_URL" >/dev/null
  (cd "$WORK" && pgbench -n -M prepared -c 1 -T "$SECONDS_EACH" -D supplier="$SUPPLIER" -f "$1" --log \
    --log-prefix=pgbench_log "$PSQL_URL" >/dev/null)
  cat "$WORK"/pgbench_log* | python3 -c '
import sys
latencies = sorted(int(line.split()[2]) for line in sys.stdin)
pick = lambda q: latencies[int(q * (len(latencies) - 1))] / 1000
print(pick(0.5), pick(0.99))'
}

# The service just started: its JIT has not compiled the list paths yet, and one connection for 5 s does not get
# it there on a slow machine. Each list is read for QUEUES_WARM_UP seconds first, not counted, as a service in use
# has read them before.
for path in "/api/v1/incidents?sort=resolutionDue" "/api/v1/incidents?slaState=BREACHED"; do
  URL_PATH=$path wrk -t1 -c2 -d"${QUEUES_WARM_UP:-20}"s -s "$BENCH_LUA/get.lua" "$BASE" >/dev/null
done

echo
for queue in "work queue (sort=resolutionDue)|/api/v1/incidents?sort=resolutionDue||open-by-resolution-due" \
             "slaState=BREACHED|/api/v1/incidents?slaState=BREACHED||breached" \
             "GET by id|/api/v1/incidents/|$WORK/ids|by-id"; do
  IFS='|' read -r label path ids sql <<<"$queue"
  http=$(wrk_get "$label" "$path" "$ids") || exit 1
  reference=$(pgbench_sql "$BENCH_DIR/sql/queues/$sql.sql") || exit 1
  read -r p50 p99 <<<"$http"
  read -r sql_p50 sql_p99 <<<"$reference"
  report "$label: p50" "$p50" ms "SQL p50" "$sql_p50"
  report "$label: p99" "$p99" ms "SQL p99" "$sql_p99" 'f < 20'
done
