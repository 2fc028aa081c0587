package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Map.entry;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The identifiers that thread an incident's emails, derived from the outbox row and the incident alone. */
class MailThreadTest {

    private final MailThread thread = new MailThread("incidents.example.nhs.uk");
    private static final Instant RAISED = Instant.parse("2026-12-02T09:15:30Z");
    private static final Optional<MailThread.About> INCIDENT_42 = Optional.of(new MailThread.About(42, RAISED,
            RAISED.plusSeconds(3600)));

    @Test
    void eachEmailHasItsRowsIdAndRepliesToItsIncidentsThread() {
        assertThat(thread.headers(901, INCIDENT_42)).containsExactly(
                entry("Message-ID", "<notification-901@incidents.example.nhs.uk>"),
                entry("In-Reply-To", "<incident-42@incidents.example.nhs.uk>"),
                entry("References", "<incident-42@incidents.example.nhs.uk>"),
                entry("Thread-Index", ConversationIndex.of("incidents.example.nhs.uk", 42, RAISED,
                        RAISED.plusSeconds(3600), 901)),
                entry("Auto-Submitted", "auto-generated"),
                entry("X-Auto-Response-Suppress", "All"));
    }

    @Test
    void theSameRowSentAgainIsTheSameMessage() {
        assertThat(thread.headers(901, INCIDENT_42))
                .isEqualTo(new MailThread("incidents.example.nhs.uk").headers(901, INCIDENT_42));
        assertThat(thread.messageId(901)).isNotEqualTo(thread.messageId(902));
    }

    @Test
    void aNoticeAboutNoIncidentStartsNoThreadButStillSuppressesAutoReplies() {
        assertThat(thread.headers(903, Optional.empty())).containsExactly(
                entry("Message-ID", "<notification-903@incidents.example.nhs.uk>"),
                entry("Auto-Submitted", "auto-generated"),
                entry("X-Auto-Response-Suppress", "All"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "incidents example", "<incidents.example>", "-incidents.example", "incidents..example",
            "incidents.example.", "nhs@example"})
    void aDomainThatCannotEndAMessageIdIsRefused(String domain) {
        assertThatThrownBy(() -> new MailThread(domain)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSingleLabelDomainServesForDevelopment() {
        assertThat(new MailThread("localhost").root(1)).isEqualTo("<incident-1@localhost>");
    }
}
