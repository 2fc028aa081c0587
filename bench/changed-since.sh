#!/usr/bin/env bash
# Catching up: on COUNT generated incidents (bench/generate.sh), the largest supplier's GET /api/v1/incidents
# ?updatedSince= over windows of an hour, a day, a week and a month before now, each 30 times unmeasured and then
# 50 times one after another; prints the median and 90th percentile and how many incidents the page held. The list
# looks the incidents changed since up by id while they are few (under 2,000) and otherwise asks each of the
# caller's in list order (IncidentRepository.changedSince): the windows fall on both sides of that.
# Usage: bench/changed-since.sh [COUNT]   (1000000)
#   CHANGED_REUSE=1 keeps a database already generated with COUNT incidents.
source "$(dirname "$0")/lib.sh"

COUNT=${1:-1000000}
trap stop_service EXIT

machine
generated "$COUNT" "${CHANGED_REUSE:-0}"

start_service
SUPPLIER=$(bench_psql -c "select supplier_ods from incident group by 1 order by count(*) desc limit 1")
TOKEN=$(token supplier "$SUPPLIER")
echo "supplier $SUPPLIER: $(bench_psql -c "select count(*) from incident where supplier_ods = '$SUPPLIER'") incidents"
for window in 3600 86400 604800 2592000; do
  since=$(date -u -d "@$(($(date +%s) - window))" +%Y-%m-%dT%H:%M:%SZ)
  url="$BASE/api/v1/incidents?updatedSince=$since"
  changed=$(bench_psql -c "select count(distinct id) from (select id from incident where updated_at >= '$since'
    union all select incident_id from incident_history where occurred_at >= '$since') c")
  for _ in $(seq 1 30); do curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$url"; done
  times=$(for _ in $(seq 1 50); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$url"
  done | sort -n)
  items=$(curl -sf -H "Authorization: Bearer $TOKEN" "$url" | python3 -c 'import json, sys
print(len(json.load(sys.stdin)["items"]))')
  printf 'changed since %ss ago: %s incidents in all, %s on the page; median %.1f ms, p90 %.1f ms\n' "$window" \
    "$changed" "$items" "$(echo "$times" | sed -n 25p | awk '{print $1 * 1000}')" \
    "$(echo "$times" | sed -n 45p | awk '{print $1 * 1000}')"
done
