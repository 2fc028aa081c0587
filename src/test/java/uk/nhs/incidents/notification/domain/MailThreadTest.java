package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Map.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The identifiers that thread an incident's emails, derived from the outbox row and the incident alone. */
class MailThreadTest {

    private final MailThread thread = new MailThread("incidents.example.nhs.uk");

    @Test
    void eachEmailHasItsRowsIdAndRepliesToItsIncidentsThread() {
        assertThat(thread.headers(901, 42L)).containsExactly(
                entry("Message-ID", "<notification-901@incidents.example.nhs.uk>"),
                entry("In-Reply-To", "<incident-42@incidents.example.nhs.uk>"),
                entry("References", "<incident-42@incidents.example.nhs.uk>"),
                entry("Auto-Submitted", "auto-generated"),
                entry("X-Auto-Response-Suppress", "All"));
    }

    @Test
    void theSameRowSentAgainIsTheSameMessage() {
        assertThat(thread.headers(901, 42L)).isEqualTo(new MailThread("incidents.example.nhs.uk").headers(901, 42L));
        assertThat(thread.messageId(901)).isNotEqualTo(thread.messageId(902));
    }

    @Test
    void aNoticeAboutNoIncidentStartsNoThreadButStillSuppressesAutoReplies() {
        assertThat(thread.headers(903, null)).containsExactly(
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
