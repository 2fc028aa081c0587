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

    /** A headline a contract meeting reads: a breach is never hidden by rounding, nor a met clock. */
    @Test
    void metPercentIsNeverRoundedToAPerfectOrAnEmptyRecord() {
        assertThat(new Outcomes(1999, 1, null, null).metPercent()).isEqualTo(99.9);
        assertThat(new Outcomes(1, 1999, null, null).metPercent()).isEqualTo(0.1);
        assertThat(new Outcomes(0, 3, null, null).metPercent()).isEqualTo(0.0);
        assertThat(new Outcomes(1998, 2, null, null).metPercent()).isEqualTo(99.9);
    }

    @Test
    void noOutcomesHaveNoPercentage() {
        assertThat(Outcomes.NONE.metPercent()).isNull();
        assertThat(Outcomes.NONE.count()).isZero();
    }
}
