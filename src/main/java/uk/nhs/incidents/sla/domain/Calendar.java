package uk.nhs.incidents.sla.domain;

import java.time.Duration;
import java.time.Instant;

/** The hours in which a service-level clock runs. */
public interface Calendar {

    /** The instant at which {@code amount} of this calendar's time has passed since {@code start}. */
    Instant plus(Instant start, Duration amount);

    /** How much of this calendar's time lies between two instants (zero when {@code to} is not after {@code from}). */
    Duration between(Instant from, Instant to);
}
