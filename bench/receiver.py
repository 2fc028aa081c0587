"""A webhook receiver for the benchmarks: answers every POST with 204 at once, keeping connections open.

Usage: python3 bench/receiver.py PORT. Prints nothing; counts what it received in /tmp/bench-receiver-PORT.count
when it is stopped (SIGTERM). With BENCH_RECORD_IDS set to a file, it also writes each delivery's webhook-id there,
one a line (bench/db-restart.sh counts those posted twice).
"""
import http.server
import os
import signal
import sys
import threading

received = 0
lock = threading.Lock()
RECORD = open(os.environ["BENCH_RECORD_IDS"], "a", buffering=1) if os.environ.get("BENCH_RECORD_IDS") else None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global received
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            received += 1
            if RECORD:
                RECORD.write(f"{self.headers.get('webhook-id', '?')}\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def stop(*_):
    with open(f"/tmp/bench-receiver-{sys.argv[1]}.count", "w") as out:
        out.write(f"{received}\n")
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
