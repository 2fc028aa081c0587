#!/usr/bin/env bash
# What an email costs the service's mail client and the mail server by the lines of its body (bench/MailLines.java):
# bodies as the templates render them, as the service sends them (the HTML joined by MailHtml), and with both parts
# joined, each sent MAIL_EMAILS times a round (6,000) in five rounds to bench/smtp_sink.py, twice in turn. Compare
# the last rounds of each shape: the first ones include the JIT's warm-up. No service or database is involved.
# Usage: bench/mail-lines.sh   Environment: MAIL_EMAILS, BENCH_BUILT (1: use target/quarkus-app as built).
source "$(dirname "$0")/lib.sh"
EMAILS=${MAIL_EMAILS:-6000}
WORK=$(mktemp -d)
trap 'stop_service; rm -rf "$WORK"' EXIT

machine
if [ "${BENCH_BUILT:-0}" != 1 ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests); fi
CLASSPATH="$ROOT/target/quarkus-app/lib/main/*:$ROOT/target/quarkus-app/app/*"
javac -d "$WORK" -cp "$CLASSPATH" "$BENCH_DIR/MailLines.java"
start_smtp_sink
for shape in rendered sent joined rendered sent joined; do
  java -cp "$CLASSPATH:$WORK" MailLines "$BENCH_SMTP_PORT" "$EMAILS" "$shape" "$SMTP_PID" "$(getconf CLK_TCK)"
done
