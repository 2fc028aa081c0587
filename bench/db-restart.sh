#!/usr/bin/env bash
# PostgreSQL restarted under load: raises from RESTART_CLIENTS threads (6) while the database is stopped
# RESTART_ROUNDS times (5), each for RESTART_DOWN seconds (15) some seconds into a 30 s load, then started again. It
# runs on a cluster of its own (RESTART_CLUSTER, "bench_restart", on BENCH_PG_PORT 5433, created when absent), so the
# machine's own cluster never stops. The supplier has a webhook for every event. Afterwards it prints what a user
# would check: the answers by status (each refusal a 503 problem, never a 500), raises answered 201 that the database
# lacks and raises refused that it kept (none), emails and webhook deliveries received twice (by Message-ID and
# webhook-id) or still unsent once the outbox settles (none), and the ERROR lines the service logged. The claims'
# lease is RESTART_LEASE (PT1M, 10 minutes in service), so that what a build would send twice goes within the run.
# Needs root
# (pg_createcluster, pg_ctlcluster); the cluster is stopped again at the end.
set -euo pipefail
export BENCH_PG_PORT=${BENCH_PG_PORT:-5433}
export BENCH_DB=${BENCH_DB:-incidents_bench_restart}
export BENCH_PORT=${BENCH_PORT:-8190}
source "$(dirname "$0")/lib.sh"

CLUSTER=${RESTART_CLUSTER:-bench_restart}
VERSION=$(ls /etc/postgresql | sort -V | tail -n 1)
ROUNDS=${RESTART_ROUNDS:-5}
DOWN=${RESTART_DOWN:-15}
CLIENTS=${RESTART_CLIENTS:-6}
WORK=$(mktemp -d)

cluster() { pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" "$@"; }

if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$CLUSTER"; then
  pg_createcluster "$VERSION" "$CLUSTER" --port "$BENCH_PG_PORT" >/dev/null
  cp "/etc/postgresql/$VERSION/main/pg_hba.conf" "/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf"
fi
pg_isready -q -h 127.0.0.1 -p "$BENCH_PG_PORT" || cluster start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$BENCH_PG_PORT" && break; sleep 1; done

machine
prepare
BENCH_RECORD_IDS="$WORK/webhook-ids" start_receiver
LEASE=${RESTART_LEASE:-PT1M}
BENCH_RECORD_IDS="$WORK/message-ids" start_service -Dincidents.notifications.claim-lease="$LEASE" \
  -Dincidents.webhooks.claim-lease="$LEASE"
trap 'stop_receiver; stop_service; cluster stop 2>/dev/null || true; rm -rf "$WORK"' EXIT
BENCH_WEBHOOK=1 raise_load_env

for round in $(seq 1 "$ROUNDS"); do
  python3 "$BENCH_DIR/raise_client.py" "$BASE" "r$round" 30 "$CLIENTS" "$WORK/answers-$round" > "$WORK/counts-$round" &
  client=$!
  sleep 6
  cluster stop -m fast
  sleep "$DOWN"
  cluster start
  wait "$client"
  echo "round $round (database stopped ${DOWN} s): $(cat "$WORK/counts-$round")"
done

sleep "$(python3 -c "import re; m = re.fullmatch(r'PT(\d+)([MS])', '$LEASE'); print(int(m[1]) * (60 if m[2] == 'M' else 1))")"
await_outbox
cat "$WORK"/answers-* > "$WORK/answers"
awk '$2 == 201 {print $1}' "$WORK/answers" | sort > "$WORK/created"
awk '$2 != 201 {print $1}' "$WORK/answers" | sort > "$WORK/refused"
bench_psql -c "select title from incident where description = 'Raised by bench/db-restart.sh'" | sort > "$WORK/kept"
echo "answers: $(awk '{print $2}' "$WORK/answers" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')"
echo "raises answered 201 the database lacks: $(comm -23 "$WORK/created" "$WORK/kept" | wc -l)"
echo "raises refused the database kept: $(comm -12 "$WORK/refused" "$WORK/kept" | wc -l)"
received() { grep -v '^?$' "$WORK/$1" | sort > "$WORK/$1.sorted"; echo "$(wc -l < "$WORK/$1.sorted"), twice: $(uniq -d "$WORK/$1.sorted" | wc -l)"; }
echo "emails received: $(received message-ids)"
echo "webhook deliveries received (the receiver's own start-up probe left out): $(received webhook-ids)"
echo "left unsent: $(bench_psql -c "select (select count(*) from notification where status <> 'SENT')
  + (select count(*) from webhook_delivery where status <> 'DELIVERED')")"
echo "ERROR lines logged: $(grep -c ' ERROR ' "$SERVICE_LOG" || true); 500 answers logged: $(grep -c 'Unexpected failure' "$SERVICE_LOG" || true)"
