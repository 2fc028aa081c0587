#!/usr/bin/env bash
# Runs every benchmark in turn after one build, then lists their figures together. About 30 minutes on 2 cores,
# most of it generating 1,000,000 incidents twice; the whole output is kept in target/bench-all.txt.
# Usage: bench/all.sh
source "$(dirname "$0")/lib.sh"

OUT="$ROOT/target/bench-all.txt"
(cd "$ROOT" && ./mvnw -B -q package -DskipTests)
export BENCH_BUILT=1
for script in raise queues sweep report major footprint evidence-memory evidence-slow-link; do
  echo "== bench/$script.sh"
  "$BENCH_DIR/$script.sh" || echo "FAIL: bench/$script.sh"
done 2>&1 | tee "$OUT"
echo
echo "== figures"
grep -E '\| ratio |^(upload|download|peak heap|incident list reads)' "$OUT"
