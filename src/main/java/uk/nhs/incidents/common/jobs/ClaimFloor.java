package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a dispatcher's next claim may start reading its outbox's queue, which is ordered by when each row falls due.
 * Every row sent leaves two dead entries in that index (as written, and as leased, which falls behind the claims'
 * time once the lease has passed), and only a vacuum removes them, as new entries go to the other end: a claim
 * reading from the head reads past every row sent since the last vacuum (57-61 ms a claim with 500,000 emails sent
 * since, against 0.1 ms from a floor; bench/README.md). A claim that takes every due row it reaches, or a full batch,
 * shows that no row it could take falls due before a point: the next claim starts there, less {@code overlap} for
 * rows that commit late (a change writes its rows due at its own start and commits after). A row that commits later
 * still, or that another transaction held when the claim passed it, waits for the next full claim, which reads from
 * the head: at the start, every {@code fullEvery}, and whenever the clock has gone back. So nothing waits much longer
 * than {@code fullEvery} (on the service's clock) once written. Shared by a dispatcher's runs; not a lock: two claims
 * side by side each read from a safe floor, and whichever is reported last sets the next.
 */
public final class ClaimFloor {

    private final Duration overlap;
    private final Duration fullEvery;
    private Instant floor;
    private Instant floorSetAt;
    private Instant lastFull;

    public ClaimFloor(Duration overlap, Duration fullEvery) {
        this.overlap = overlap;
        this.fullEvery = fullEvery;
    }

    /** Where a claim at {@code now} starts: at the floor, or empty for a full claim, from the head. */
    public synchronized Optional<Instant> from(Instant now) {
        boolean fullDue = lastFull == null || !now.isBefore(lastFull.plus(fullEvery));
        return floor == null || fullDue || now.isBefore(floorSetAt) ? Optional.empty() : Optional.of(floor);
    }

    /**
     * What a committed claim at {@code now} found: whether it read from the head, whether it came back full, and the
     * earliest due instant among the rows it took (empty when it took none). A full claim may have left rows due as
     * early as its earliest; a short one left no row it could take. A claim that failed is not reported: the floor
     * stays where it was, and a full claim that failed is made again at the next claim.
     */
    public synchronized void claimed(Instant now, boolean fromHead, boolean full, Optional<Instant> earliestTaken) {
        if (fromHead) {
            lastFull = now;
        }
        Instant reached = full ? earliestTaken.orElse(now) : now;
        floor = reached.minus(overlap);
        floorSetAt = now;
    }
}
