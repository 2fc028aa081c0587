package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an email's link leads, and which templates the service refuses to start with. */
class LinkTemplateTest {

    @Test
    void aLinkNamesTheIncidentByReferenceOrId() {
        assertThat(LinkTemplate.of("https://portal.example/incidents/{reference}").link(42, "INC-2026-000042"))
                .isEqualTo("https://portal.example/incidents/INC-2026-000042");
        assertThat(LinkTemplate.of("http://localhost:8080/api/v1/incidents/{id}").link(42, "INC-2026-000042"))
                .isEqualTo("http://localhost:8080/api/v1/incidents/42");
        assertThat(LinkTemplate.of("https://portal.example/i/{reference}?id={id}&tab=history")
                .link(7, "TST-2026-000007")).isEqualTo("https://portal.example/i/TST-2026-000007?id=7&tab=history");
    }

    @Test
    void theHostIsWhereTheLinksLead() {
        assertThat(LinkTemplate.of("https://Portal.Example.nhs.uk:8443/incidents/{id}").host())
                .isEqualTo("portal.example.nhs.uk");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "https://portal.example/incidents/{ref}|unknown placeholder {ref}",
            "https://portal.example/incidents/{Reference}|unknown placeholder {Reference}",
            "https://portal.example/incidents|must name the incident",
            "https://portal.example/incidents/{reference|unmatched brace",
            "https://portal.example/incidents/reference}/{id}|unmatched brace",
            "/incidents/{reference}|absolute http or https URL",
            "ftp://portal.example/incidents/{reference}|absolute http or https URL",
            "mailto:desk@nhs.example?subject={reference}|absolute http or https URL",
            "https:///incidents/{reference}|absolute http or https URL",
            "https://portal example/incidents/{reference}|is not a URL",
            "https://{reference}.portal.example/incidents|out of the host",
            "https://portal.example:80{id}/incidents|out of the host",
            "https://{id}@portal.example/incidents|out of the host"})
    void aTemplateThatCannotLeadToTheIncidentIsRefused(String template, String why) {
        assertThatThrownBy(() -> LinkTemplate.of(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
