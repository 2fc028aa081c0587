package uk.nhs.incidents.common.database;

import java.sql.SQLException;
import uk.nhs.incidents.common.lang.Causes;

/**
 * How PostgreSQL refuses a row lock asked for without waiting ({@code NOWAIT}, Hibernate's {@code Timeouts.NO_WAIT})
 * when another transaction holds it.
 */
public final class LockWaits {

    /** PostgreSQL's {@code lock_not_available}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private LockWaits() {
    }

    /** Whether the failure, or anything it wraps, is PostgreSQL refusing a lock another transaction holds. */
    public static boolean refused(Throwable failure) {
        return Causes.any(failure, t -> t instanceof SQLException e && LOCK_NOT_AVAILABLE.equals(e.getSQLState()));
    }
}
