#!/usr/bin/env bash
# Uploads a call recording over a slow link (curl --limit-rate), the way a GP practice's line sends one, and
# reports whether it was kept intact, how long it took, and the slowest incident list read while it ran.
# Reference: the upload time the link allows (size / rate); before uploads were spooled, anything longer than the
# 60 s transaction timeout failed.
# Usage: bench/evidence-slow-link.sh [SIZE_MB] [RATE]   (defaults 300 and 1M, i.e. 1 MiB/s: about 5 minutes)
source "$(dirname "$0")/lib.sh"

SIZE_MB=${1:-300}
RATE=${2:-1M}
WORK=$(mktemp -d)
cleanup() {
  stop_service
  rm -rf "$WORK"
}
trap cleanup EXIT

prepare
machine
start_service
DEPLOYMENT=$(seed_site)
TRUST=$(token provider RX9)
INCIDENT=$(raise_for_evidence "$DEPLOYMENT" "$TRUST")
write_wav "$WORK/call.wav" "$SIZE_MB"
EXPECTED=$(sha256sum "$WORK/call.wav" | cut -d' ' -f1)

curl -s -o "$WORK/up.json" -w '%{time_total} %{http_code}\n' --limit-rate "$RATE" -X POST \
  "$BASE/api/v1/incidents/$INCIDENT/evidence?kind=CALL_RECORDING&filename=call.wav" \
  -H "Authorization: Bearer $TRUST" -H 'Content-Type: audio/wav' --data-binary @"$WORK/call.wav" > "$WORK/upload.txt" &
UPLOADER=$!

# While it runs: the incident list, every 5 s.
: > "$WORK/reads.txt"
while kill -0 "$UPLOADER" 2>/dev/null; do
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' "$BASE/api/v1/incidents" -H "Authorization: Bearer $TRUST" \
    >> "$WORK/reads.txt"
  sleep 5
done
wait "$UPLOADER"

read -r SECONDS_TAKEN STATUS < "$WORK/upload.txt"
[ "$STATUS" = 201 ] || { echo "FAIL: upload answered HTTP $STATUS: $(cat "$WORK/up.json")"; exit 1; }
STORED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$WORK/up.json")
[ "$STORED" = "$EXPECTED" ] || { echo "FAIL: SHA-256 mismatch"; exit 1; }

python3 - "$SIZE_MB" "$RATE" "$SECONDS_TAKEN" "$WORK/reads.txt" <<'PY'
import sys
mb, rate, taken = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
reads = [l.split() for l in open(sys.argv[4]) if l.strip()]
slowest = max(float(r[0]) for r in reads)
failed = [r for r in reads if r[1] != "200"]
print(f"file                 {mb} MB at --limit-rate {rate}: HTTP 201, SHA-256 identical")
print(f"upload               {taken:.1f} s, {mb / taken:.2f} MB/s")
print(f"incident list reads  {len(reads)} during the upload, slowest {slowest * 1000:.0f} ms, {len(failed)} not 200")
PY
