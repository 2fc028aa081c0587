package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.incidents.vocabulary.Phase;

class ReferenceSeriesFormatTest {

    @Test
    void testAndLiveSeriesHaveTheirOwnPrefixes() {
        assertThat(ReferenceSeries.of(Phase.TEST).format(2026, 42)).isEqualTo("TST-2026-000042");
        assertThat(ReferenceSeries.of(Phase.LIVE).format(2026, 42)).isEqualTo("INC-2026-000042");
    }

    @Test
    void majorIncidentsAreNumberedToFourDigits() {
        assertThat(ReferenceSeries.MAJOR.format(2026, 7)).isEqualTo("MAJ-2026-0007");
    }

    @Test
    void aSeriesPastItsDigitsGrowsInsteadOfWrapping() {
        assertThat(ReferenceSeries.LIVE.format(2027, 1_234_567)).isEqualTo("INC-2027-1234567");
        assertThat(ReferenceSeries.MAJOR.format(2027, 12_345)).isEqualTo("MAJ-2027-12345");
    }
}
