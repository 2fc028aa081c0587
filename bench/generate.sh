#!/usr/bin/env bash
# Loads COUNT incidents into the benchmark database as the service would have written them over three years:
# parties and deployments (once), incident, incident_route, sla_clock with sla_pause,
# incident_history, then sequences, each reference series' included, past them. Outbox rows of emails long sent are not
# generated: nothing measured reads them, and at about 2 KB each, several per incident, they would triple the size.
# One psql session runs bench/sql/generate/*.sql in name order. Rows for another table go in a new file there,
# placed before 90_finish.sql, reading the staging tables: bench_incident (each incident's timeline and status),
# bench_route (its routing) and bench_clock (its clocks).
# Usage: bench/generate.sh COUNT [OPEN_FRACTION [RESOLVED_SHARE]]
#   OPEN_FRACTION (0.07): the share of incidents raised recently (ages exponential, mean 20 days); where each one's
#   timeline has got to by now decides its status. The rest are 90 days to 3 years old and closed.
#   RESOLVED_SHARE (0.3): the share of recent incidents whose timeline goes on to resolution; 0 keeps them all open.
source "$(dirname "$0")/lib.sh"

COUNT=${1:?usage: bench/generate.sh COUNT [OPEN_FRACTION [RESOLVED_SHARE]]}
OPEN_FRACTION=${2:-0.07}
RESOLVED_SHARE=${3:-0.3}

if [ "$(bench_psql -c "select to_regclass('incident') is not null")" != t ]; then
  # Flyway creates the schema when the service starts.
  start_service
  stop_service
fi

started=$(date +%s)
bench_psql -v count="$COUNT" -v open_fraction="$OPEN_FRACTION" -v resolved_share="$RESOLVED_SHARE" \
  -v bank_holidays="$(cat "$ROOT/src/main/resources/calendar/bank-holidays.json")" \
  -c "set synchronous_commit = off" -c "set work_mem = '256MB'" -c "set maintenance_work_mem = '1GB'" \
  $(printf -- '-f %s ' "$BENCH_DIR"/sql/generate/*.sql)
echo "generated $COUNT incidents in $(($(date +%s) - started)) s"
bench_psql -F ' ' -c "select status, count(*) from incident group by 1 order by 2 desc"
