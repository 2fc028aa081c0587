package uk.nhs.incidents.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system clock, unless a test pins it to an instant to play a scenario at
 * known times. A test that pins it releases it when done, since every test of the run shares it.
 */
@ApplicationScoped
public class TestClock {

    private static volatile Instant pinned;

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    Clock clock() {
        return new Pinnable(ZoneOffset.UTC);
    }

    public static void pin(Instant at) {
        pinned = at;
    }

    public static void release() {
        pinned = null;
    }

    private static final class Pinnable extends Clock {

        private final ZoneId zone;

        Pinnable(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Pinnable(other);
        }

        @Override
        public Instant instant() {
            Instant at = pinned;
            return at == null ? Instant.now() : at;
        }
    }
}
