package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.incidents.vocabulary.Phase;

class IncidentReferenceTest {

    @Test
    void testAndLiveSeriesHaveTheirOwnPrefixes() {
        assertThat(IncidentReference.format(Phase.TEST, 2026, 42)).isEqualTo("TST-2026-000042");
        assertThat(IncidentReference.format(Phase.LIVE, 2026, 42)).isEqualTo("INC-2026-000042");
    }

    @Test
    void aSeriesPastAMillionGrowsInsteadOfWrapping() {
        assertThat(IncidentReference.format(Phase.LIVE, 2027, 1_234_567)).isEqualTo("INC-2027-1234567");
    }
}
