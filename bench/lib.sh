#!/usr/bin/env bash
# Shared helpers for the benchmarks: a service started from the packaged jar against its own database.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_DB=${BENCH_DB:-incidents_bench}
BENCH_PORT=${BENCH_PORT:-8090}
BASE="http://127.0.0.1:$BENCH_PORT"

token() { java "$ROOT/src/test/java/uk/nhs/incidents/security/DevToken.java" "$@"; }

# Builds the application once and recreates the benchmark database, so every run starts empty.
prepare() {
  "$ROOT/src/scripts/ensure-postgres.sh" postgres >/dev/null
  psql -qAt -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $BENCH_DB with (force)"
  "$ROOT/src/scripts/ensure-postgres.sh" "$BENCH_DB" >/dev/null
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
}

# start_service JVM_OPTIONS...: starts the service in the background; sets SERVICE_PID and SERVICE_LOG.
start_service() {
  SERVICE_LOG=$(mktemp)
  java "$@" -Dquarkus.profile=dev -Dquarkus.http.port="$BENCH_PORT" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB" \
    -Dquarkus.log.level=WARN -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/q/health/ready" >/dev/null && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$SERVICE_LOG"; return 1; }
    sleep 0.5
  done
  echo "service did not become ready" >&2; cat "$SERVICE_LOG"; return 1
}

stop_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
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
