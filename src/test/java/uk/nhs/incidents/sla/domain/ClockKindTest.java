package uk.nhs.incidents.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockKindTest {

    /** A wait for information, or time resolved before a reopening, pauses the resolution clock; triage never waits. */
    @Test
    void onlyTheResolutionClockPauses() {
        assertThat(ClockKind.RESOLUTION.pauses()).isTrue();
        assertThat(ClockKind.TRIAGE.pauses()).isFalse();
    }
}
