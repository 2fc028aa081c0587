"""A webhook receiver for the benchmarks: answers every POST with 204 at once, keeping connections open.

Usage: python3 bench/receiver.py PORT. Prints nothing; counts what it received in /tmp/bench-receiver-PORT.count
when it is stopped (SIGTERM).
"""
import http.server
import signal
import sys
import threading

received = 0
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global received
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            received += 1
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
