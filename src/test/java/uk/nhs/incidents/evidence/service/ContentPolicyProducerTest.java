package uk.nhs.incidents.evidence.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

class ContentPolicyProducerTest {

    @Test
    void aMalformedConfiguredTypeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ContentPolicyProducer.of(Map.of(EvidenceKind.CALL_RECORDING, List.of("audio/*"),
                EvidenceKind.CALL_REPORT, List.of("application/pdf", "pdf"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("incidents.evidence.allowed-types.CALL_REPORT: ")
                .hasMessageContaining("'pdf'");
    }

    @Test
    void aWellFormedConfigurationGivesThePolicyUploadsGoBy() {
        assertThat(ContentPolicyProducer.of(Map.of(EvidenceKind.CALL_RECORDING, List.of("audio/*")))
                .allowsDeclared(EvidenceKind.CALL_RECORDING, "audio/wav")).isTrue();
    }
}
