package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over TLS the relay's certificate must name the host it was reached by. The Vert.x mail client checks that only where
 * its hostname verification is left unset, as {@link SmtpSettings} leaves it: set to {@code HTTPS} it does not check.
 * GreenMail's SMTPS certificate is trusted here, and names no host.
 */
class RelayCertificateTest {

    static final int PORT = 3465;

    Vertx vertx;
    GreenMail relay;

    @BeforeEach
    void startRelay() {
        vertx = Vertx.vertx();
        relay = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        relay.start();
    }

    @AfterEach
    void stop() {
        relay.stop();
        vertx.close();
    }

    @Test
    void aRelayWhoseCertificateNamesAnotherHostIsNotSentTo() {
        MailSender sender = sendingTo(false);
        try {
            assertThat(sender.send(email())).failsWithin(Duration.ofSeconds(20))
                    .withThrowableOfType(ExecutionException.class).extracting(Throwable::getCause)
                    .asInstanceOf(InstanceOfAssertFactories.THROWABLE).hasRootCauseInstanceOf(
                            java.security.cert.CertificateException.class);
            assertThat(relay.getReceivedMessages()).isEmpty();
        } finally {
            sender.close();
        }
    }

    @Test
    void theSameRelayIsSentToWhereVerificationIsSetToHttpsExplicitly() {
        MailSender sender = new MailSender(vertx, new SmtpSettings(trusting(false).setHostnameVerificationAlgorithm(
                "HTTPS"), "incidents@nhs-incidents.example", Optional.empty(), false), Duration.ofSeconds(10));
        try {
            assertThat(sender.send(email())).as("which the client takes as off").succeedsWithin(Duration.ofSeconds(20));
        } finally {
            sender.close();
        }
    }

    @Test
    void theSameRelayIsSentToWhereTrustAllIsSet() {
        MailSender sender = sendingTo(true);
        try {
            assertThat(sender.send(email())).as("the failure above was the check")
                    .succeedsWithin(Duration.ofSeconds(20));
            assertThat(relay.getReceivedMessages()).hasSize(1);
        } finally {
            sender.close();
        }
    }

    private MailSender sendingTo(boolean trustAll) {
        return new MailSender(vertx, new SmtpSettings(trusting(trustAll), "incidents@nhs-incidents.example",
                Optional.empty(), false), Duration.ofSeconds(10));
    }

    private static MailConfig trusting(boolean trustAll) {
        return new MailConfig().setHostname("127.0.0.1").setPort(PORT).setSsl(true).setOwnHostname("localhost")
                .setTrustOptions(new PfxOptions().setPath("greenmail.p12").setPassword("changeit"))
                .setTrustAll(trustAll);
    }

    private static MailMessage email() {
        return new MailMessage().setTo("someone@nhs.example").setSubject("Subject").setText("Text");
    }
}
