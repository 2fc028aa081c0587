package uk.nhs.incidents.incident.service;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.jobs.JobGates;

/**
 * The sweep and auto-close take no batch once the service is stopping. Each is built with nothing to sweep or close
 * with, so a run that went on to take a batch would fail at its first step.
 */
class BatchJobsStopWithTheServiceTest {

    private final JobGates gates = new JobGates();

    @Test
    void aSweepScheduledOnceTheStopBeganTakesNoBatch() {
        ServiceLevelSweep sweep = new ServiceLevelSweep(null, null, null, null, null, null, null, gates);
        try {
            gates.stop(null);

            assertThatCode(sweep::run).doesNotThrowAnyException();
        } finally {
            sweep.stop();
        }
    }

    @Test
    void autoCloseScheduledOnceTheStopBeganClosesNothing() {
        AutoClose autoClose = new AutoClose(null, null, null, null, gates);
        gates.stop(null);

        assertThatCode(autoClose::run).doesNotThrowAnyException();
    }
}
