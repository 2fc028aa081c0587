package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.notification.domain.LinkTemplate;

/** Where emails link to and how they thread, from the settings; a wrong setting stops the start, named. */
class MailSettingsProducerTest {

    @Test
    void withoutAPortalEmailsLinkToTheServicesOwnUrlOfTheIncident() {
        LinkTemplate link = MailSettingsProducer.link(Optional.empty(), "https://incidents.example.nhs.uk");
        assertThat(link.link(42, "INC-2026-000042")).isEqualTo("https://incidents.example.nhs.uk/api/v1/incidents/42");
    }

    @Test
    void aPortalTemplateTakesThePlaceOfTheServicesUrl() {
        LinkTemplate link = MailSettingsProducer.link(Optional.of("https://portal.example/incidents/{reference}"),
                "https://incidents.example.nhs.uk");
        assertThat(link.link(42, "INC-2026-000042")).isEqualTo("https://portal.example/incidents/INC-2026-000042");
    }

    @Test
    void aTemplateThatCannotLeadToTheIncidentStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> MailSettingsProducer.link(Optional.of("https://portal.example/incidents/{ref}"),
                "https://incidents.example.nhs.uk")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("incidents.notifications.link-template: ").hasMessageContaining("{ref}");
        assertThatThrownBy(() -> MailSettingsProducer.link(Optional.empty(), "incidents.example.nhs.uk"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("incidents.notifications.base-url: ");
    }

    @Test
    void messageIdsTakeTheLinksHostUnlessADomainIsSet() {
        LinkTemplate link = LinkTemplate.of("https://portal.example/incidents/{reference}");
        assertThat(MailSettingsProducer.thread(Optional.empty(), link).domain()).isEqualTo("portal.example");
        assertThat(MailSettingsProducer.thread(Optional.of("incidents.example.nhs.uk"), link).domain())
                .isEqualTo("incidents.example.nhs.uk");
        assertThatThrownBy(() -> MailSettingsProducer.thread(Optional.of("not a domain"), link))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("incidents.notifications.message-id-domain: ");
    }
}
