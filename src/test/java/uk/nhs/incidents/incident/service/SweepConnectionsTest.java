package uk.nhs.incidents.incident.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepConnectionsTest {

    @ParameterizedTest(name = "{0} loops, a pool of {1}")
    @CsvSource({"2, 20", "10, 20", "1, 2", "3, 7"})
    void loopsHoldingAtMostHalfThePoolAreAccepted(int loops, int poolSize) {
        assertThat(SweepConnections.refusal(loops, poolSize)).isEmpty();
    }

    @ParameterizedTest(name = "{0} loops, a pool of {1}")
    @CsvSource({"11, 20", "20, 20", "1, 1", "4, 7"})
    void loopsThatCouldHoldMoreThanHalfThePoolAreRefusedNamingBothSettings(int loops, int poolSize) {
        assertThat(SweepConnections.refusal(loops, poolSize)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("incidents.sla.sweep.concurrency=" + loops)
                .contains("quarkus.datasource.jdbc.max-size=" + poolSize));
    }
}
