package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityAssessmentTest {

    @Test
    void givenSeverityIsKept() {
        assertThat(SeverityAssessment.of(4, null, null, false)).isEqualTo(new SeverityAssessment(4, 4));
    }

    @Test
    void impactAndUrgencyDeriveTheSeverity() {
        assertThat(SeverityAssessment.of(null, 3, 2, false).severity()).isEqualTo(3);
    }

    @Test
    void agreeingSeverityAndMatrixAreAccepted() {
        assertThat(SeverityAssessment.of(3, 3, 2, false).severity()).isEqualTo(3);
    }

    @Test
    void contradictingSeverityAndMatrixAreRefused() {
        assertThatThrownBy(() -> SeverityAssessment.of(1, 3, 2, false))
                .hasMessageContaining("contradicts impact 3 and urgency 2");
    }

    @Test
    void impactWithoutUrgencyIsRefused() {
        assertThatThrownBy(() -> SeverityAssessment.of(null, 3, null, false)).hasMessage("give impact and urgency together");
    }

    @Test
    void nothingToSettleTheSeverityIsRefused() {
        assertThatThrownBy(() -> SeverityAssessment.of(null, null, null, false))
                .hasMessage("give a severity, or impact and urgency");
    }

    @ParameterizedTest(name = "clinical safety incident requested at {0} gets {1}")
    @CsvSource({"1,1", "2,2", "3,2", "4,2", "5,2"})
    void clinicalSafetyMakesItAtLeastSeverityTwo(int requested, int expected) {
        SeverityAssessment assessment = SeverityAssessment.of(requested, null, null, true);
        assertThat(assessment.severity()).isEqualTo(expected);
        assertThat(assessment.requested()).isEqualTo(requested);
        assertThat(assessment.raisedForClinicalSafety()).isEqualTo(requested > 2);
    }
}
