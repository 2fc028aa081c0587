package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityMatrixTest {

    @ParameterizedTest(name = "impact {0}, urgency {1} -> severity {2}")
    @CsvSource({
            "1,1,1", "1,2,1", "1,3,2", "1,4,2", "1,5,3",
            "2,1,1", "2,2,2", "2,3,2", "2,4,3", "2,5,4",
            "3,1,2", "3,2,3", "3,3,3", "3,4,4", "3,5,4",
            "4,1,3", "4,2,3", "4,3,4", "4,4,4", "4,5,5",
            "5,1,4", "5,2,5", "5,3,5", "5,4,5", "5,5,5"})
    void everyCellOfTheMatrixGivesThePublishedSeverity(int impact, int urgency, int severity) {
        assertThat(SeverityMatrix.severity(impact, urgency)).isEqualTo(severity);
    }

    @ParameterizedTest
    @CsvSource({"0,1", "1,0", "6,3", "3,6"})
    void impactAndUrgencyOutsideOneToFiveAreRefused(int impact, int urgency) {
        assertThatThrownBy(() -> SeverityMatrix.severity(impact, urgency)).isInstanceOf(IllegalArgumentException.class);
    }
}
