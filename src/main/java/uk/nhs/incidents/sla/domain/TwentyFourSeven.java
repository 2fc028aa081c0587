package uk.nhs.incidents.sla.domain;

import java.time.Duration;
import java.time.Instant;

/** Every hour counts: nights, weekends and bank holidays included. */
public final class TwentyFourSeven implements Calendar {

    @Override
    public Instant plus(Instant start, Duration amount) {
        return start.plus(amount);
    }

    @Override
    public Duration between(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
}
