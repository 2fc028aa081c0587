package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailerName;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay that takes the connection and then says nothing, as one does whose greeting the client missed: the
 * dispatcher's send gives up after its timeout instead of waiting on the relay. The test profile's "stuck" mailer
 * points at port 3027, where this test listens without ever answering.
 */
@QuarkusTest
class StuckMailServerTest {

    static final int STUCK_PORT = 3027;

    @Inject
    @MailerName("stuck")
    ReactiveMailer stuck;

    @Inject
    Vertx vertx;

    @Test
    @Timeout(20) // without the send timeout the send would wait for as long as the relay keeps the connection
    void aSendToAMailServerThatNeverAnswersFailsAfterTheSendTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(STUCK_PORT, 10, InetAddress.getLoopbackAddress())) {
            MailSender sender = new MailSender(stuck, vertx, Duration.ofSeconds(1));
            assertThat(sender.send(Mail.withText("someone@nhs.example", "Subject", "Text")))
                    .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class)
                    .withMessage("The mail server did not take the email within PT1S");
        }
    }
}
