package uk.nhs.incidents.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void metPercentIsRoundedToOneDecimalPlace() {
        assertThat(new Outcomes(2, 1, null, null).metPercent()).isEqualTo(66.7);
        assertThat(new Outcomes(1, 2, null, null).metPercent()).isEqualTo(33.3);
        assertThat(new Outcomes(5, 0, null, null).metPercent()).isEqualTo(100.0);
    }

    @Test
    void noOutcomesHaveNoPercentage() {
        assertThat(Outcomes.NONE.metPercent()).isNull();
        assertThat(Outcomes.NONE.count()).isZero();
    }
}
