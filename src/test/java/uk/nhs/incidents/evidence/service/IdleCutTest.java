package uk.nhs.incidents.evidence.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When an upload or a download is cut: uploads and downloads are judged by the same rule. */
class IdleCutTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(60);
    private static final long MIN_RATE = 4096;

    @Test
    void aTransferThatMovedWithinTheTimeoutAndKeepsTheMinimumRateGoesOn() {
        assertThat(IdleCut.verdict(seconds(120), seconds(59), 4096 * 120, TIMEOUT, MIN_RATE)).isNull();
        assertThat(IdleCut.verdict(seconds(30), seconds(29), 1, TIMEOUT, MIN_RATE))
                .as("the rate is judged only once the transfer has lasted the timeout").isNull();
    }

    @Test
    void nothingCrossingForTheTimeoutIsIdle() {
        assertThat(IdleCut.verdict(seconds(61), seconds(61), 0, TIMEOUT, MIN_RATE)).isEqualTo(IdleCut.Reason.IDLE);
        assertThat(IdleCut.verdict(seconds(500), seconds(61), 4096 * 500, TIMEOUT, MIN_RATE))
                .isEqualTo(IdleCut.Reason.IDLE);
    }

    @Test
    void aByteNowAndThenIsTooSlowOnceTheTimeoutHasPassed() {
        assertThat(IdleCut.verdict(seconds(61), seconds(1), 4096 * 61 - 1, TIMEOUT, MIN_RATE))
                .isEqualTo(IdleCut.Reason.TOO_SLOW);
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }
}
