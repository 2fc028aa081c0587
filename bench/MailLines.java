import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import uk.nhs.incidents.notification.domain.MailHtml;

/**
 * What an email costs the mail client and the mail server by the lines of its body: the service's mail client
 * (Vert.x's, as the Quarkus mailer uses it) sends EMAILS emails a round, 8 at a time, to bench/smtp_sink.py, and
 * prints the CPU this JVM and the sink used per email. Shapes: "rendered" is a body as the notification templates
 * render it (about 20 lines of text, 28 of HTML), "sent" the same with its HTML through MailHtml as the service
 * sends it, "joined" both parts on a few lines (a floor: the text part's lines are its layout). Run by
 * bench/mail-lines.sh.
 * Usage: java -cp <the service's libraries and jar>:. MailLines PORT EMAILS SHAPE SINK_PID CLOCK_TICKS_PER_SECOND
 */
public class MailLines {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int emails = Integer.parseInt(args[1]);
        String shape = args[2];
        String sinkPid = args[3];
        double ticksPerSecond = Double.parseDouble(args[4]);
        String text = text();
        String html = html();
        if (!shape.equals("rendered")) {
            html = MailHtml.of(html);
        }
        if (shape.equals("joined")) {
            text = String.join(" ", text.lines().toList()) + "\n";
        }
        Vertx vertx = Vertx.vertx();
        MailClient client = MailClient.create(vertx, new MailConfig().setHostname("127.0.0.1").setPort(port)
                .setMaxPoolSize(10).setKeepAlive(true));
        for (int round = 1; round <= 5; round++) {
            long ownBefore = ticks("self");
            long sinkBefore = ticks(sinkPid);
            long started = System.nanoTime();
            send(client, emails, text, html, round);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s round %d: %d emails in %.2f s; mail client %.3f ms an email, mail sink %.3f ms%n",
                    shape, round, emails, seconds, (ticks("self") - ownBefore) * 1000 / ticksPerSecond / emails,
                    (ticks(sinkPid) - sinkBefore) * 1000 / ticksPerSecond / emails);
        }
        vertx.close();
    }

    private static void send(MailClient client, int emails, String text, String html, int round)
            throws InterruptedException {
        Semaphore underWay = new Semaphore(8);
        CountDownLatch done = new CountDownLatch(emails);
        for (int i = 0; i < emails; i++) {
            underWay.acquire();
            MailMessage message = new MailMessage().setFrom("incidents@example.nhs.uk")
                    .setTo("incidents" + (i % 5) + "@supplier.example").setText(text).setHtml(html)
                    .setSubject("[INC-2026-000123] [Severity 3] New incident: Referral not received by 111")
                    .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID",
                            "<notification-" + round + "-" + i + "@portal.nhs.example>"));
            client.sendMail(message).onComplete(sent -> {
                if (sent.failed()) {
                    sent.cause().printStackTrace();
                }
                underWay.release();
                done.countDown();
            });
        }
        done.await();
    }

    /** A text body as message.txt renders it for a new incident. */
    private static String text() {
        return """
                New incident (INC-2026-000123)

                Incident:   INC-2026-000123 - Referral not received by 111
                Severity:   3 (LIVE)
                System:     Referral Manager at Riverside Surgery

                What happened
                Raised by Riverside Surgery (A81001).

                What is asked of you
                Please triage this incident within the target.

                Triage due:     Fri 4 Dec 2026, 16:00 GMT (ON_TRACK)
                Resolution due: Tue 8 Dec 2026, 12:00 GMT (ON_TRACK)

                Open the incident: https://portal.nhs.example/incidents/INC-2026-000123?incident=123

                Sent by the NHS health-IT incident service. The incident's description, comments and evidence are never sent by
                email, as they may identify a patient: read them in the service.
                """;
    }

    /** An HTML body as message.html renders it for a new incident: indented, a line an element. */
    private static String html() {
        String row = "  <tr><th style=\"text-align: left; padding-right: 12px;\">%s</th><td>%s</td></tr>\n";
        return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<body style=\"font-family: Arial, sans-serif; color: #212b32;\">\n"
                + "<h1 style=\"font-size: 20px;\">New incident (INC-2026-000123)</h1>\n\n"
                + "<table style=\"border-collapse: collapse;\">\n  \n"
                + row.formatted("Incident", "INC-2026-000123 &ndash; Referral not received by 111")
                + row.formatted("Severity", "3 (LIVE)")
                + row.formatted("System", "Referral Manager at Riverside Surgery") + "  \n"
                + row.formatted("Triage due", "Fri 4 Dec 2026, 16:00 GMT (ON_TRACK)")
                + row.formatted("Resolution due", "Tue 8 Dec 2026, 12:00 GMT (ON_TRACK)") + "</table>\n\n"
                + "<h2 style=\"font-size: 16px;\">What happened</h2>\n<p>Raised by Riverside Surgery (A81001).</p>\n"
                + "<h2 style=\"font-size: 16px;\">What is asked of you</h2>\n"
                + "<p>Please triage this incident within the target.</p>\n"
                + "<p><a href=\"https://portal.nhs.example/incidents/INC-2026-000123?incident=123\">Open the incident</a></p>\n"
                + "<p style=\"font-size: 12px; color: #4c6272;\">Sent by the NHS health-IT incident service. The incident's\n"
                + "description, comments and evidence are never sent by email, as they may identify a patient: read them\n"
                + "in the service.</p>\n</body>\n</html>\n";
    }

    private static long ticks(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
