#!/usr/bin/env bash
# Service-level report over a million incidents (issue #8): the time GET /api/v1/reports/service-levels takes
# over the whole record, for each grouping, against the 2 s target. Usage: bench/report.sh [incidents]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COUNT=${1:-1000000}
RUNS=5
TARGET=2.0

prepare
start_service && stop_service # the schema, by the service's own migrations
"$BENCH_DIR/generate.sh" "$COUNT"
echo "deriving the service-level record of $COUNT incidents..."
psql -q -h 127.0.0.1 -U postgres -d "$BENCH_DB" -f "$BENCH_DIR/sql/service-level-record.sql" >/dev/null
psql -q -h 127.0.0.1 -U postgres -d "$BENCH_DB" -c "vacuum analyze incident" -c "vacuum analyze service_level_record"
start_service
trap stop_service EXIT
hub=$(token hub 0HUB1)
rows=$(psql -qAt -h 127.0.0.1 -U postgres -d "$BENCH_DB" -c "select count(*) from service_level_record")
period=$(psql -qAt -h 127.0.0.1 -U postgres -d "$BENCH_DB" -c \
  "select to_char(min(created_at), 'YYYY-MM-DD') || ' ' || to_char(max(created_at), 'YYYY-MM-DD') from incident")
read -r from to <<<"$period"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $COUNT incidents, $rows record rows, $from to $to"
printf '%-28s %10s %10s %8s %8s\n' "report (whole period)" "median s" "max s" "target" "ratio"
for group in "" supplier icb severity month supplier,month; do
  url="$BASE/api/v1/reports/service-levels?from=$from&to=$to&groupBy=$group"
  curl -sf -o /dev/null -H "Authorization: Bearer $hub" "$url" # warm
  times=$(for _ in $(seq "$RUNS"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $hub" "$url"
  done | sort -n)
  median=$(sed -n "$(( (RUNS + 1) / 2 ))p" <<<"$times")
  max=$(tail -1 <<<"$times")
  printf '%-28s %10.3f %10.3f %8s %8.2f\n' "groupBy=${group:-none}" "$median" "$max" "<$TARGET" \
    "$(echo "$median / $TARGET" | bc -l)"
done
