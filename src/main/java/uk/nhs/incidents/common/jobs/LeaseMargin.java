package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * How long before a claim's lease runs out a job stops starting work under it: the longest one item can take to be
 * sent and recorded. An item started later could still be under way when the lease lapses, be claimed by another
 * instance and be sent twice; a job past that point hands the rest back instead.
 */
public final class LeaseMargin {

    private final Duration margin;

    private LeaseMargin(Duration margin) {
        this.margin = margin;
    }

    /**
     * The margin for a lease of {@code lease}, named {@code setting} and {@code longestItem} for the settings it is
     * made of; a lease no longer than that would never let an item start, so the service does not start with it.
     */
    public static LeaseMargin of(String setting, Duration lease, String longestItem, Duration margin) {
        if (lease.compareTo(margin) <= 0) {
            throw new IllegalStateException(setting + " (" + lease + ") must be longer than " + longestItem + " ("
                    + margin + "), or nothing claimed would ever be sent");
        }
        return new LeaseMargin(margin);
    }

    /** Whether an item started at {@code now} could outlast the lease that ends at {@code leaseEnd}. */
    public boolean tooLateToStart(Instant now, Instant leaseEnd) {
        return !now.plus(margin).isBefore(leaseEnd);
    }
}
