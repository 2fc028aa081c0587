package uk.nhs.incidents.common.database;

import io.quarkus.panache.common.Parameters;
import java.time.Instant;

/**
 * The condition an outbox row's outcome is recorded under (an email's or a webhook delivery's, whose entities name
 * these fields alike): still pending and held by the claim that lapses at {@code :leaseEnd}. A dispatcher held up past
 * its lease must not move a later claim's lease, which would have the row sent again while that claim sends it, nor
 * turn what that claim sent into a failure.
 */
public final class HeldByClaim {

    /** The where-clause, in HQL over the row's entity. */
    public static final String WHERE = "id = :id and status = :pending and nextAttemptAt = :leaseEnd";

    private HeldByClaim() {
    }

    /** The parameters of {@link #WHERE}: the row, its entity's pending status, and the claim's lease end. */
    public static Parameters parameters(long id, Enum<?> pending, Instant leaseEnd) {
        return Parameters.with("id", id).and("pending", pending).and("leaseEnd", leaseEnd);
    }
}
