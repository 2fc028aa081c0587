#!/usr/bin/env bash
# Where a raise's CPU goes, on the machine's cores, at a fixed rate: on a new database, BUDGET_WARM 20 s rounds at 8
# connections (the JIT compiling the raise's paths), the outbox they left sent, then BUDGET_RATE raises/s over 16 connections,
# of which BUDGET_SECONDS are measured (the raises written in them are counted). For those it prints, in ms of CPU per raise and as a share of the
# machine: the service's threads by kind (request threads, event loops and the busiest one, which the mail client's
# sends run on, webhook senders, JIT compilers, GC), PostgreSQL's backends for this database and its other processes
# (WAL writer, checkpointer, autovacuum), the mail sink, the webhook receiver, wrk, and everything else running on
# the machine; with pg_stat_statements loaded (shared_preload_libraries), the statements' execution and planning time
# per raise, in all and for each of the costliest. From /proc: a thread's or process's user + system time, so time
# in system calls counts, which JFR's execution samples do not see. With BENCH_WEBHOOK=1 (the default here) the
# supplier has a webhook for every event.
# Usage: bench/cpu-budget.sh   Environment: BUDGET_RATE (100), BUDGET_WARM (6), BUDGET_SECONDS (30), BENCH_APP,
#   BENCH_WEBHOOK, BENCH_DB, BENCH_PORT.
source "$(dirname "$0")/lib.sh"
export BENCH_WEBHOOK=${BENCH_WEBHOOK:-1}
RATE=${BUDGET_RATE:-100}
WARM=${BUDGET_WARM:-6}
SECONDS_EACH=${BUDGET_SECONDS:-30}
WORK=$(mktemp -d)
trap 'stop_service; stop_receiver; rm -rf "$WORK"' EXIT

round() { THREAD_RATE=${3:-} wrk -t2 -c"$1" -d"$2"s -s "$BENCH_LUA/raise.lua" "$BASE" | grep '^RESULT'; }

# snapshot FILE: the CPU ticks so far of every process (by pid, with its command line), of each of the service's
# threads (by tid, with its name), and of the machine (/proc/stat), as JSON.
snapshot() {
  python3 - "$SERVICE_PID" >"$1" <<'EOF'
import json, os, sys

def ticks(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime

def read(path):
    with open(path, "rb") as f:
        return f.read().replace(b"\0", b" ").decode(errors="replace").strip()

processes, threads = {}, {}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        processes[pid] = [read(f"/proc/{pid}/cmdline") or read(f"/proc/{pid}/comm"), ticks(f"/proc/{pid}/stat")]
    except OSError:
        pass  # gone meanwhile
service = sys.argv[1]
for tid in os.listdir(f"/proc/{service}/task"):
    try:
        threads[tid] = [read(f"/proc/{service}/task/{tid}/comm"), ticks(f"/proc/{service}/task/{tid}/stat")]
    except OSError:
        pass
with open("/proc/stat") as f:
    machine = [int(v) for v in f.readline().split()[1:]]
print(json.dumps({"processes": processes, "threads": threads, "machine": machine}))
EOF
}

# budget BEFORE AFTER RAISES EMAILS DELIVERIES: the CPU between the two snapshots, per raise and per group.
budget() {
  python3 - "$@" "$SERVICE_PID" "$BENCH_DB" <<'EOF'
import json, os, re, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
raises, emails, deliveries = (int(v) for v in sys.argv[3:6])
service, database = sys.argv[6], sys.argv[7]
hz = os.sysconf("SC_CLK_TCK")
machine = [a - b for a, b in zip(after["machine"], before["machine"])]
idle = machine[3] + machine[4]  # idle, iowait
total = sum(machine[:8])
cores = os.cpu_count()

def spent(kind):
    return {key: (name, ticks - before[kind].get(key, [name, 0])[1]) for key, (name, ticks) in after[kind].items()}

def line(label, ticks):
    ms = ticks * 1000 / hz / max(raises, 1)
    print(f"  {label:<44} {ms:7.2f} ms a raise  {100 * ticks / max(total, 1):5.1f} % of the machine")

thread_groups = [("service: request threads", r"^executor-thread"), ("service: event loops", r"^vert\.x-eventloo"),
                 ("service: webhook senders", r"^webhook-sender"), ("service: JIT compilers", r"CompilerThre"),
                 ("service: GC", r"^(GC Thread|G1 )"), ("service: other threads", r"")]
threads = spent("threads")
loops = sorted((t for n, t in threads.values() if re.match(r"^vert\.x-eventloo", n)), reverse=True)
grouped = {}
for name, ticks in threads.values():
    label = next(label for label, pattern in thread_groups if re.search(pattern, name))
    grouped[label] = grouped.get(label, 0) + ticks
print(f"{raises} raises, {emails} emails sent, {deliveries} webhook deliveries; "
      f"machine busy {100 * (total - idle) / max(total, 1):.1f} % of {cores} cores")
for label, _ in thread_groups:
    line(label, grouped.get(label, 0))
    if label == "service: event loops" and loops:
        line("  of which the busiest loop (the mail client's)", loops[0])
process_groups = [("PostgreSQL: backends of " + database, lambda p, c: c.startswith("postgres:") and f" {database} " in c),
                  ("PostgreSQL: its other processes", lambda p, c: "postgres" in c.split(" ")[0]),
                  ("mail sink", lambda p, c: "smtp_sink.py" in c), ("webhook receiver", lambda p, c: "receiver.py" in c),
                  ("wrk", lambda p, c: os.path.basename(c.split(" ")[0]) == "wrk"), ("the service (all threads)", lambda p, c: p == service),
                  ("everything else on the machine", lambda p, c: True)]
sums = {}
for pid, (command, ticks) in spent("processes").items():
    label = next(label for label, test in process_groups if test(pid, command))
    sums[label] = sums.get(label, 0) + ticks
for label, _ in process_groups:
    line(label, sums.get(label, 0))
EOF
}

start_probe
for i in $(seq 1 "$WARM"); do echo "warm-up round $i, 8 connections, 20 s: $(round 8 20)"; done
await_outbox
statements=no
statements_reset && statements=yes
# wrk runs a second longer on each side than the measured window, so that its own CPU is in both snapshots.
# The statements' figures are taken over the same window (reset at its start, read at its end).
round 16 $((SECONDS_EACH + 2)) "$(python3 -c "print($RATE / 2)")" >"$WORK/wrk.txt" &
wrk_pid=$!
sleep 1
snapshot "$WORK/before.json"
[ "$statements" = no ] || statements_reset
from=$(bench_psql -c "select now()")
sleep "$SECONDS_EACH"
to=$(bench_psql -c "select now()")
snapshot "$WORK/after.json"
[ "$statements" = no ] || bench_psql -c "select sum(calls), sum(total_exec_time), sum(total_plan_time)
  from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '$BENCH_DB'" >"$WORK/statements.txt"
wait "$wrk_pid"
echo "$RATE raises/s asked, 16 connections, $((SECONDS_EACH + 2)) s: $(cat "$WORK/wrk.txt")"
read -r raised emails deliveries <<<"$(bench_psql -F ' ' -c "select
  (select count(*) from incident where created_at >= '$from' and created_at < '$to'),
  (select count(*) from notification where sent_at >= '$from' and sent_at < '$to'),
  (select count(*) from webhook_delivery where delivered_at >= '$from' and delivered_at < '$to')")"
budget "$WORK/before.json" "$WORK/after.json" "$raised" "$emails" "$deliveries"
if [ "$statements" = yes ]; then
  IFS='|' read -r calls executing planning <"$WORK/statements.txt"
  python3 -c "
raises = max($raised, 1)
print(f'  statements of $BENCH_DB: {${calls:-0} / raises:.1f} a raise, execution {${executing:-0} / raises:.2f} ms,'
      f' planning {${planning:-0} / raises:.2f} ms a raise (planning counts with pg_stat_statements.track_planning on)')"
  statements_each "$raised" raise '^select\s+\(select count\(\*\) from incident where created_at'
else
  echo "  (pg_stat_statements is not loaded through shared_preload_libraries: no statement times)"
fi
