package uk.nhs.incidents.common.database;

import java.sql.SQLException;
import uk.nhs.incidents.common.lang.Causes;

/** Row locks asked for without waiting ({@code NOWAIT}), and how PostgreSQL refuses one another change holds. */
public final class LockWaits {

    /** The Jakarta Persistence hint for how long a pessimistic lock may wait, in milliseconds. */
    public static final String TIMEOUT_HINT = "jakarta.persistence.lock.timeout";
    /** Not at all: Hibernate renders it as {@code NOWAIT}. */
    public static final int NO_WAIT = 0;
    /** PostgreSQL's {@code lock_not_available}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private LockWaits() {
    }

    /** Whether the failure, or anything it wraps, is PostgreSQL refusing a lock another transaction holds. */
    public static boolean refused(Throwable failure) {
        return Causes.any(failure, t -> t instanceof SQLException e && LOCK_NOT_AVAILABLE.equals(e.getSQLState()));
    }
}
