package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay that takes the connection and then says nothing, as a hung one does, or one whose greeting the client
 * missed, or one behind a firewall that dropped the connection's state. The sender gives up on the email after its
 * timeout instead of waiting on the relay, and closes the connection, so that the relay holds none of the client's.
 */
class StuckMailServerTest {

    static final int PORT = 3027;
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    Vertx vertx;
    MailSender sender;

    @BeforeEach
    void sendThroughAPoolOfOneConnection() {
        vertx = Vertx.vertx();
        MailConfig poolOfOne = new MailConfig().setHostname("127.0.0.1").setPort(PORT).setMaxPoolSize(1)
                .setOwnHostname("localhost");
        sender = new MailSender(vertx, new SmtpSettings(poolOfOne, "incidents@nhs-incidents.example", Optional.empty(),
                false), TIMEOUT);
    }

    @AfterEach
    void close() {
        sender.close();
        vertx.close();
    }

    @Test
    @Timeout(20) // without the send timeout the send would wait for as long as the relay keeps the connection
    void aSendToAMailServerThatNeverAnswersFailsAfterTheSendTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(PORT, 10, InetAddress.getLoopbackAddress())) {
            assertThat(sender.send(email())).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class)
                    .withMessage("The mail server did not take the email within PT2S");
        }
    }

    @Test
    @Timeout(30)
    void aConnectionTheRelayLeftSilentIsClosedSoTheNextEmailIsSentOnceARelayAnswers() throws Exception {
        GreenMail relay = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (ServerSocket silent = new ServerSocket(PORT, 10, InetAddress.getLoopbackAddress())) {
            var first = sender.send(email());
            try (Socket held = silent.accept()) { // kept open and unanswered, as a hung relay keeps it
                silent.close();
                assertThat(first).failsWithin(Duration.ofSeconds(10));
                relay.start();

                assertThat(sender.send(email())).as("the pool's one connection is free again")
                        .succeedsWithin(Duration.ofSeconds(10));
                Thread.sleep(TIMEOUT.multipliedBy(2).toMillis()); // the pooled connection is closed as idle
                assertThat(sender.send(email())).as("a new connection once that one is closed")
                        .succeedsWithin(Duration.ofSeconds(10));
            }
            assertThat(relay.getReceivedMessages()).hasSize(2);
        } finally {
            relay.stop();
        }
    }

    /**
     * A relay that answers every command, but each only after a while: the conversation outlasts the send timeout
     * without ever being silent that long, and the relay takes the email after it was given up on. The client cannot
     * end that conversation; the failure says when it ends, so that the email can be recorded as sent after all.
     */
    @Test
    @Timeout(30)
    void anEmailGivenUpOnThatARelaySlowToAnswerTakesAfterAllIsToldOf() throws Exception {
        try (ServerSocket slow = new ServerSocket(PORT, 10, InetAddress.getLoopbackAddress())) {
            AtomicInteger delivered = new AtomicInteger();
            Thread relay = new Thread(() -> answerSlowly(slow, TIMEOUT.dividedBy(3), delivered), "slow-relay");
            relay.start();

            ExecutionException failure = catchThrowableOfType(() -> sender.send(email()).get(10, TimeUnit.SECONDS),
                    ExecutionException.class);

            assertThat(failure.getCause()).isInstanceOf(MailSender.GivenUp.class);
            assertThat(((MailSender.GivenUp) failure.getCause()).conversation()).succeedsWithin(Duration.ofSeconds(15));
            assertThat(delivered).hasValue(1);
        }
    }

    /** A relay of one conversation that answers each command after {@code delay}, counting the emails it takes. */
    private static void answerSlowly(ServerSocket server, Duration delay, AtomicInteger delivered) {
        try (Socket client = server.accept();
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, delay, "220 slow.example");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("DATA")) {
                    reply(out, delay, "354 go ahead");
                    for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                        // the message
                    }
                    delivered.incrementAndGet();
                    reply(out, delay, "250 queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, delay, "221 bye");
                    return;
                } else {
                    reply(out, delay, "250 ok");
                }
            }
        } catch (IOException | InterruptedException ended) {
            // the client closed the connection
        }
    }

    private static void reply(Writer out, Duration delay, String line) throws IOException, InterruptedException {
        Thread.sleep(delay.toMillis());
        out.write(line + "\r\n");
        out.flush();
    }

    private static MailMessage email() {
        return new MailMessage().setTo("someone@nhs.example").setSubject("Subject").setText("Text");
    }
}
