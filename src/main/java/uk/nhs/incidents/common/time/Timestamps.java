package uk.nhs.incidents.common.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps microseconds; instants are cut to that precision before they are stored or shown. */
public final class Timestamps {

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private Timestamps() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The later of two instants. */
    public static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    /** The earlier of two instants. */
    public static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Whether PostgreSQL's {@code timestamptz} and the calendars can take the instant: years 1900 to 9999. Anything
     * a client sends outside that range is its error, never a database failure.
     */
    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    /** A {@code timestamptz} column as a native query returns it (an Instant or an OffsetDateTime), or null. */
    public static Instant ofColumn(Object value) {
        return value == null ? null : value instanceof Instant instant ? instant
                : ((java.time.OffsetDateTime) value).toInstant();
    }

}
