#!/usr/bin/env bash
# Uploads and downloads a 300 MB call recording with the service held to a 128 MB heap, and reports the
# throughput of each and the most heap in use while they ran (sampled every 200 ms with jstat).
# Reference: the file's size against the heap; the run fails on an OutOfMemoryError or a SHA-256 mismatch.
# Usage: bench/evidence-memory.sh [SIZE_MB]   (default 300)
source "$(dirname "$0")/lib.sh"

SIZE_MB=${1:-300}
WORK=$(mktemp -d)
SAMPLER=
cleanup() {
  stop_service
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

prepare
start_service -Xmx128m -XX:+ExitOnOutOfMemoryError
DEPLOYMENT=$(seed_site)
TRUST=$(token provider RX9)
SUPPLIER=$(token supplier YGM01)
INCIDENT=$(raise_for_evidence "$DEPLOYMENT" "$TRUST")
write_wav "$WORK/call.wav" "$SIZE_MB"
EXPECTED=$(sha256sum "$WORK/call.wav" | cut -d' ' -f1)

# Heap in use = survivor + eden + old space used (KB), sampled while the transfers run.
jstat -gc "$SERVICE_PID" 200 > "$WORK/gc.txt" &
SAMPLER=$!

UPLOAD=$(curl -sf -o "$WORK/up.json" -w '%{time_total} %{http_code}' -X POST \
  "$BASE/api/v1/incidents/$INCIDENT/evidence?kind=CALL_RECORDING&filename=call.wav" \
  -H "Authorization: Bearer $TRUST" -H 'Content-Type: audio/wav' --data-binary @"$WORK/call.wav")
EVIDENCE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/up.json")
STORED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$WORK/up.json")
DOWNLOAD=$(curl -sf -o "$WORK/down.wav" -w '%{time_total} %{http_code}' \
  "$BASE/api/v1/incidents/$INCIDENT/evidence/$EVIDENCE/content" -H "Authorization: Bearer $SUPPLIER")
kill "$SAMPLER"; SAMPLER=
RECEIVED=$(sha256sum "$WORK/down.wav" | cut -d' ' -f1)

kill -0 "$SERVICE_PID" || { echo "FAIL: the service died"; cat "$SERVICE_LOG"; exit 1; }
grep -q OutOfMemoryError "$SERVICE_LOG" && { echo "FAIL: OutOfMemoryError"; exit 1; }
[ "$STORED" = "$EXPECTED" ] && [ "$RECEIVED" = "$EXPECTED" ] || { echo "FAIL: SHA-256 mismatch"; exit 1; }

python3 - "$SIZE_MB" "$UPLOAD" "$DOWNLOAD" "$WORK/gc.txt" <<'PY'
import sys
mb = int(sys.argv[1]); up = sys.argv[2].split(); down = sys.argv[3].split()
rows = [l.split() for l in open(sys.argv[4]) if l.strip() and not l.lstrip().startswith("S0C")]
used = [float(r[2]) + float(r[3]) + float(r[5]) + float(r[7]) for r in rows]
peak = max(used) / 1024
print(f"file                {mb} MB, SHA-256 identical after the round trip")
print(f"upload              {float(up[0]):.1f} s, {mb / float(up[0]):.1f} MB/s (HTTP {up[1]})")
print(f"download            {float(down[0]):.1f} s, {mb / float(down[0]):.1f} MB/s (HTTP {down[1]})")
print(f"peak heap in use    {peak:.0f} MB of a 128 MB maximum ({len(used)} samples); ratio to file size {peak / mb:.2f}")
print("OutOfMemoryError    none")
PY
