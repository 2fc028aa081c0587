package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
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

    private static MailMessage email() {
        return new MailMessage().setTo("someone@nhs.example").setSubject("Subject").setText("Text");
    }
}
