package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.time.Instant;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * How long a claim holds what it took, and how long before that runs out a job stops starting work under it: the
 * longest one item can take to be sent and recorded. An item started later could still be under way when the lease
 * lapses, be claimed by another instance and be sent twice; a job past that point hands the rest back instead.
 */
public final class ClaimLease {

    private final Duration length;
    private final Duration margin;

    private ClaimLease(Duration length, Duration margin) {
        this.length = length;
        this.margin = margin;
    }

    /**
     * A lease of {@code length}, the setting {@code setting}, for items that take at most {@code margin} (the
     * settings {@code longestItem}) to be sent and recorded; a lease no longer than that would never let an item
     * start, so the service does not start with it.
     */
    public static ClaimLease of(String setting, Duration length, String longestItem, Duration margin) {
        if (length.compareTo(margin) <= 0) {
            throw new IllegalStateException(setting + " (" + length + ") must be longer than " + longestItem + " ("
                    + margin + "), or nothing claimed would ever be sent");
        }
        return new ClaimLease(length, margin);
    }

    /**
     * When a claim made at {@code now} lapses, as the database stores it (to the microsecond): the rows it holds are
     * found by it when their outcomes are recorded.
     */
    public Instant endFrom(Instant now) {
        return Timestamps.stored(now.plus(length));
    }

    /** Whether an item started at {@code now} could outlast the lease that ends at {@code leaseEnd}. */
    public boolean tooLateToStart(Instant now, Instant leaseEnd) {
        return !now.plus(margin).isBefore(leaseEnd);
    }
}
