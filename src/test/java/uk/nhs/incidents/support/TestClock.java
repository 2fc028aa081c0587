package uk.nhs.incidents.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's clock in tests: the system clock, unless the running test pins it to an instant to play a scenario
 * at known times. The rule: a pinned instant reaches only the work its test does. So the clock goes back to the
 * system clock before every test ({@link TestClockReset}), and only tests under {@link PinnedTime} may pin it: there
 * no scheduled job runs on its own, and a test that needs a job's work calls the job's batch method itself.
 */
@ApplicationScoped
public class TestClock {

    private final boolean jobsScheduled;
    private volatile Instant pinned;

    TestClock(@ConfigProperty(name = "quarkus.scheduler.enabled", defaultValue = "true") boolean jobsScheduled) {
        this.jobsScheduled = jobsScheduled;
    }

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    Clock clock() {
        return new Pinnable(this, ZoneOffset.UTC);
    }

    /** Holds the clock at this instant until the test pins another or ends. */
    public void pin(Instant at) {
        if (jobsScheduled) {
            throw new IllegalStateException("Pin the clock only in tests under " + PinnedTime.class.getSimpleName()
                    + ": here the scheduled jobs would run at the pinned instant, behind other tests' backs");
        }
        pinned = at;
    }

    /** Back to the system clock; {@link TestClockReset} calls it before every test. */
    public void reset() {
        pinned = null;
    }

    private Instant now() {
        Instant at = pinned;
        return at == null ? Instant.now() : at;
    }

    private static final class Pinnable extends Clock {

        private final TestClock source;
        private final ZoneId zone;

        Pinnable(TestClock source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Pinnable(source, other);
        }

        @Override
        public Instant instant() {
            return source.now();
        }
    }
}
