"""Raises incidents from several threads for a while, each titled uniquely, and writes each answer's status.

Usage: python3 bench/raise_client.py BASE_URL TAG SECONDS THREADS OUTPUT. Environment: TOKEN and DEPLOYMENT, as for
bench/lua/raise.lua. Writes one line a request to OUTPUT, "title status seconds", for bench/db-restart.sh to hold the
answers against what the database kept; prints the count of each status.
"""
import collections
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

base, tag, seconds, threads, output = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
counts = collections.Counter()
lock = threading.Lock()
out = open(output, "w", buffering=1)


def raise_one(title):
    body = json.dumps({"deploymentId": int(os.environ["DEPLOYMENT"]), "phase": "LIVE", "severity": 3, "title": title,
                       "description": "Raised by bench/db-restart.sh", "occurredAt": "2026-01-01T09:00:00Z"})
    request = urllib.request.Request(base + "/api/v1/incidents", data=body.encode(), method="POST", headers={
        "Authorization": "Bearer " + os.environ["TOKEN"], "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code
    except OSError:
        return "unanswered"


def work(thread):
    end, sent = time.time() + seconds, 0
    while time.time() < end:
        sent += 1
        title = f"{tag}-{thread}-{sent}"
        started = time.time()
        status = raise_one(title)
        with lock:
            counts[status] += 1
            out.write(f"{title} {status} {time.time() - started:.3f}\n")
        time.sleep(0.05)


workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(" ".join(f"{status}: {count}" for status, count in sorted(counts.items(), key=str)))
