"""A mail server for the benchmarks: accepts every message over SMTP and keeps none of it, as a relay that takes
mail at once would. The service talks SMTP to it as it does in production; the mock mailer of the dev profile
instead keeps every email sent in the service's own heap, which grew by about 1 MB/s under the raise load and
kept G1 marking the old generation.

Usage: python3 bench/smtp_sink.py PORT. Prints nothing; writes how many messages it accepted to
/tmp/bench-smtp-PORT.count when it is stopped (SIGTERM), which bench/lib.sh's stop_service prints. With
BENCH_RECORD_IDS set to a file, it also writes each message's Message-ID there, one a line (bench/db-restart.sh
counts those taken twice).
"""
import asyncio
import os
import re
import signal
import sys

accepted = 0
LIMIT = 1 << 26  # the largest message taken, as EHLO says
RECORD = open(os.environ["BENCH_RECORD_IDS"], "a", buffering=1) if os.environ.get("BENCH_RECORD_IDS") else None
MESSAGE_ID = re.compile(rb"(?im)^message-id:[ \t]*(\S+)")


async def session(reader, writer):
    global accepted
    writer.write(b"220 bench-sink ESMTP\r\n")
    try:
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-bench-sink\r\n250-8BITMIME\r\n250 SIZE %d\r\n" % LIMIT)
            elif verb == b"DATA":
                writer.write(b"354 end with <CRLF>.<CRLF>\r\n")
                await writer.drain()
                # Up to the line holding a lone dot, a line ending in a dot at a time rather than every line.
                kept = []
                while True:
                    chunk = await reader.readuntil(b".\r\n")
                    if RECORD:
                        kept.append(chunk)
                    if len(chunk) == 3 or chunk[-4:-3] == b"\n":
                        break
                if RECORD:
                    found = MESSAGE_ID.search(b"".join(kept))
                    RECORD.write((found.group(1) if found else b"?").decode("ascii", "replace") + "\n")
                accepted += 1
                writer.write(b"250 2.0.0 accepted\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 bye\r\n")
                break
            elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 2.0.0 ok\r\n")
            else:
                writer.write(b"502 5.5.2 not implemented\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass  # a client gone mid-message, or one larger than it was told: that message is not taken
    writer.close()


def stop(*_):
    with open(f"/tmp/bench-smtp-{sys.argv[1]}.count", "w") as out:
        out.write(f"{accepted}\n")
    sys.exit(0)


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", int(sys.argv[1]), limit=LIMIT + 1024)
    async with server:
        await server.serve_forever()


signal.signal(signal.SIGTERM, stop)
asyncio.run(main())
