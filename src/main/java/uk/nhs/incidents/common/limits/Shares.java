package uk.nhs.incidents.common.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.nhs.incidents.common.problem.TooManyRequestsException;

/**
 * How much of something scarce on this instance (uploads in progress, bytes of bodies on the way) organisations hold
 * at once: each up to its share, and all together up to the total, so that one organisation's load, or everyone's,
 * cannot take what the others need.
 */
public final class Shares {

    /** What an organisation took, given back on close; closing it again does nothing. */
    public interface Held extends AutoCloseable {

        @Override
        void close();
    }

    private final String what;
    private final long perOrganisation;
    private final long total;
    private final Duration retryAfter;
    private final Map<String, Long> held = new HashMap<>();
    private long heldInTotal;

    /** @param what the unit held, plural, as a caller refused reads it ("uploads", "bytes of JSON bodies") */
    public Shares(String what, long perOrganisation, long total, Duration retryAfter) {
        this.what = what;
        this.perOrganisation = perOrganisation;
        this.total = total;
        this.retryAfter = retryAfter;
    }

    /** @throws TooManyRequestsException when {@code amount} more would pass the organisation's share or the total */
    public synchronized Held take(String organisation, long amount) {
        long mine = held.getOrDefault(organisation, 0L);
        if (mine + amount > perOrganisation) {
            throw busy("Your organisation already has " + mine + " " + what + " in progress; it may have "
                    + perOrganisation + " at once.");
        }
        if (heldInTotal + amount > total) {
            throw busy("The service has as many " + what + " in progress as it takes at once.");
        }
        held.put(organisation, mine + amount);
        heldInTotal += amount;
        AtomicBoolean holding = new AtomicBoolean(true);
        return () -> {
            if (holding.getAndSet(false)) {
                giveBack(organisation, amount);
            }
        };
    }

    private synchronized void giveBack(String organisation, long amount) {
        held.computeIfPresent(organisation, (key, mine) -> mine == amount ? null : mine - amount);
        heldInTotal -= amount;
    }

    private TooManyRequestsException busy(String why) {
        return new TooManyRequestsException(why + " Try again after the time given in Retry-After.", retryAfter);
    }
}
