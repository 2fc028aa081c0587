#!/usr/bin/env bash
# Service-level report (issue #8): how long GET /api/v1/reports/service-levels takes over the whole record of
# COUNT incidents (three years), for each grouping, median of RUNS after a warm-up. Reference: PostgreSQL alone
# computing one median over every outcome in the record through psql, the least any such report must do.
# Target: under 2 s with 1,000,000 incidents.
# Usage: bench/report.sh [COUNT]   (1000000)
#   REPORT_REUSE=1 keeps a database already generated with COUNT incidents; REPORT_RUNS (5) per grouping.
source "$(dirname "$0")/lib.sh"

COUNT=${1:-1000000}
RUNS=${REPORT_RUNS:-5}
trap stop_service EXIT

machine
if [ "${REPORT_REUSE:-0}" != 1 ]; then
  prepare
  "$BENCH_DIR/generate.sh" "$COUNT"
fi
start_service
hub=$(token hub HUB01)  # the hub 10_parties.sql registers: a role must fit its organisation
read -r from to < <(bench_psql -F ' ' -c "select min(created_at)::date, current_date from incident")
echo "record: $(bench_psql -c "select count(*) from service_level_record") rows over $from to $to"

# seconds COMMAND...: the median wall time of RUNS runs of COMMAND, after one unmeasured run.
seconds() {
  "$@" >/dev/null
  for _ in $(seq "$RUNS"); do
    local start; start=$(date +%s%N)
    "$@" >/dev/null
    echo $((($(date +%s%N) - start) / 1000000))
  done | sort -n | awk '{ t[NR] = $1 } END { printf "%.3f\n", t[int((NR + 1) / 2)] / 1000 }'
}

# get_report GROUPS [TOKEN [FROM]]: the whole record (or from FROM) as the hub (or TOKEN's caller) sees it.
get_report() {
  curl -sf -H "Authorization: Bearer ${2:-$hub}" \
    "$BASE/api/v1/reports/service-levels?from=${3:-$from}&to=$to&groupBy=$1"
}

reference=$(seconds bench_psql -c "set jit = off" -c "select percentile_cont(0.5) within group
  (order by elapsed_seconds) from service_level_record where event <> 'RAISED'")
for group in "" supplier icb severity month supplier,month; do
  report "report groupBy=${group:-none}" "$(seconds get_report "$group")" s "psql, one median" "$reference" 'f < 2'
done
# What a supplier asks for its own contract meeting, and the hub since the start of last month.
report "report groupBy=month, one supplier's own" "$(seconds get_report month "$(token supplier SUP001)")" s \
  "psql, one median" "$reference" 'f < 2'
report "report groupBy=supplier since last month" "$(seconds get_report supplier "$hub" "$(date -d "$to -1 month" +%Y-%m-01)")" \
  s "psql, one median" "$reference" 'f < 2'

