package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunPaceTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aRunSendsOneAtATimeUntilItHasLastedItsIntervalThenItsFullConcurrency() {
        RunPace pace = new RunPace(Duration.ofSeconds(1), 8, nanos::get);
        assertThat(pace.atOnce()).isEqualTo(1);
        assertThat(pace.untilHurried()).isEqualTo(Duration.ofSeconds(1));

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(pace.atOnce()).as("within its interval: keeping up").isEqualTo(1);
        assertThat(pace.untilHurried()).isEqualTo(Duration.ofMillis(1));

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(pace.atOnce()).as("as long as its interval: behind").isEqualTo(8);
        assertThat(pace.untilHurried()).isZero();

        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(pace.untilHurried()).as("long behind: still no wait").isZero();
    }

    @Test
    void aRunIsTimedByTheTimeElapsedWhereverNanoTimeStandsAndWraps() {
        nanos.set(Long.MAX_VALUE - Duration.ofMillis(500).toNanos());
        RunPace pace = new RunPace(Duration.ofSeconds(1), 8, nanos::get);

        // The run's end (start + 1 s) lies past the largest value: compared as instants, it would seem long gone.
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(pace.atOnce()).isEqualTo(1);

        nanos.addAndGet(Duration.ofMillis(500).toNanos()); // nanoTime itself wraps
        assertThat(pace.atOnce()).isEqualTo(1);
        assertThat(pace.untilHurried()).isEqualTo(Duration.ofMillis(300));

        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        assertThat(pace.atOnce()).isEqualTo(8);
    }

    @Test
    void aBatchSentOnItsOwnHasItsFullConcurrencyAtOnce() {
        assertThat(RunPace.hurried(8).atOnce()).isEqualTo(8);
        assertThat(RunPace.hurried(8).untilHurried()).isZero();
    }
}
