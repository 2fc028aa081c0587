package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.mail.SMTPException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failed sends are retried, as the dispatcher sees them: wrapped by the future the send completed. */
class SendFailuresTest {

    private static CompletionException awaited(Throwable failure) {
        return new CompletionException(failure);
    }

    @Test
    void aPermanentRefusalByTheMailServerIsNotRetried() {
        SMTPException refused = new SMTPException("550 no such mailbox", 550, List.of("no such mailbox"), false);
        assertThat(Dispatcher.isPermanent(awaited(refused))).isTrue();
    }

    @Test
    void aTemporaryRefusalATimeoutAndALostConnectionAreRetried() {
        assertThat(Dispatcher.isPermanent(awaited(new SMTPException("451 try later", 451, List.of("try later"),
                false)))).isFalse();
        assertThat(Dispatcher.isPermanent(awaited(new IllegalStateException(
                "The mail server did not take the email within PT30S")))).isFalse();
        assertThat(Dispatcher.isPermanent(awaited(new IOException("Connection reset")))).isFalse();
    }

    @Test
    void aPermanentRefusalOfTheSessionIsRetriedAsTheRelaysSettingsCanBePutRight() {
        // Reply lines as the mail client hands them on, each with its code; the enhanced status follows it.
        assertThat(Dispatcher.isPermanent(awaited(new SMTPException("535 5.7.8 Credentials invalid", 535,
                List.of("535 5.7.8 Credentials invalid"), true)))).as("credentials rotated").isFalse();
        assertThat(Dispatcher.isPermanent(awaited(new SMTPException("530 Must issue a STARTTLS command first", 530,
                List.of("530 Must issue a STARTTLS command first"), false)))).as("encryption required").isFalse();
        assertThat(Dispatcher.isPermanent(awaited(new SMTPException("554 5.7.9 Mechanism too weak", 554,
                List.of("554 5.7.9 Mechanism too weak"), true)))).as("authentication too weak").isFalse();
        assertThat(Dispatcher.isPermanent(awaited(new SMTPException("550 5.7.1 Rejected by policy", 550,
                List.of("550 5.7.1 Rejected by policy"), true)))).as("one recipient's policy").isTrue();
        assertThat(Dispatcher.isPermanent(awaited(new SMTPException("550 5.1.1 User unknown", 550,
                List.of("550 5.1.1 User unknown"), true)))).as("the recipient refused").isTrue();
    }

    @Test
    void aMessageThatCannotBeBuiltIsNotRetried() {
        assertThat(Dispatcher.isPermanent(awaited(new IllegalArgumentException("Illegal address")))).isTrue();
    }
}
