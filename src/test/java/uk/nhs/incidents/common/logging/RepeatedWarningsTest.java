package uk.nhs.incidents.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RepeatedWarningsTest {

    private final Moving clock = new Moving(Instant.parse("2026-12-06T09:00:00Z"));
    private final RepeatedWarnings warnings = new RepeatedWarnings(clock, Duration.ofMinutes(10), 2);

    @Test
    void oneWarningAKeyAPeriodGoesThroughAndTheNextSaysHowManyWereHeldBack() {
        assertThat(warnings.admit("stale token")).isEqualTo(OptionalLong.of(0));
        clock.move(Duration.ofSeconds(15));
        assertThat(warnings.admit("stale token")).isEmpty();
        clock.move(Duration.ofSeconds(15));
        assertThat(warnings.admit("stale token")).isEmpty();

        clock.move(Duration.ofMinutes(10));
        assertThat(warnings.admit("stale token")).isEqualTo(OptionalLong.of(2));
        assertThat(warnings.admit("stale token")).isEmpty();
    }

    @Test
    void eachKeyHasItsOwnPeriod() {
        assertThat(warnings.admit("one")).isPresent();
        assertThat(warnings.admit("two")).isPresent();
        assertThat(warnings.admit("one")).isEmpty();
        assertThat(warnings.admit("two")).isEmpty();
    }

    @Test
    void noMoreKeysThanTheLimitAreKeptAndEachNewKeysFirstWarningGoesThrough() {
        for (int i = 0; i < 100; i++) {
            assertThat(warnings.admit("caller " + i)).isEqualTo(OptionalLong.of(0));
        }
        assertThat(warnings.keys()).isLessThanOrEqualTo(2);
    }

    private static final class Moving extends Clock {

        private Instant now;

        Moving(Instant start) {
            now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
