package uk.nhs.incidents.common.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.lang.Causes;

/**
 * Tells a database that cannot be reached from any other failure, and logs each outage once: the first request
 * that meets it logs one line, the others stay quiet, and a probe logs the end of the outage once the database
 * answers again. A restart of PostgreSQL would otherwise fill the log with a stack trace per request.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

    /** SQLStates of a server going away or refusing connections: class 08, shutdowns, and no connection slot. */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final AtomicReference<Instant> since = new AtomicReference<>();

    DatabaseOutage(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether {@code failure} says the database could not be reached, rather than that a statement failed. */
    public static boolean isUnreachable(Throwable failure) {
        return Causes.any(failure, DatabaseOutage::says);
    }

    /**
     * Whether {@code failure} says so through itself and its causes, and so does every failure suppressed beside it
     * (the other loops of a job that runs several): a job's run that failed for a reason of its own as well is not
     * just an outage.
     */
    static boolean isOnlyUnreachable(Throwable failure) {
        boolean itself = says(failure) || failure.getCause() != null && isUnreachable(failure.getCause());
        return itself && Arrays.stream(failure.getSuppressed()).allMatch(DatabaseOutage::isUnreachable);
    }

    private static boolean says(Throwable t) {
        return t instanceof org.hibernate.exception.JDBCConnectionException
                || t instanceof java.sql.SQLTransientConnectionException
                || t instanceof java.sql.SQLNonTransientConnectionException
                || t instanceof SQLException sql && isUnreachable(sql);
    }

    private static boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        boolean poolTimedOut = state == null && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
        return poolTimedOut || state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state));
    }

    /**
     * Notes that a request or a scheduled job ({@link QuietDuringOutage}) met the outage; only the first of each outage
     * is logged, in one line.
     */
    public void met(Throwable failure) {
        if (since.compareAndSet(null, clock.instant())) {
            LOG.errorf("The database cannot be reached (%s); requests answer 503 and scheduled jobs end their runs"
                    + " until it answers again", rootOf(failure));
        }
    }

    public boolean isOngoing() {
        return since.get() != null;
    }

    /** While an outage is ongoing, looks whether the database answers again, to log its end once. */
    @Scheduled(identity = "database-outage-probe", every = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        Instant started = since.get();
        if (started == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2) && since.compareAndSet(started, null)) {
                LOG.infof("The database answers again, after %d s", Duration.between(started, clock.instant())
                        .toSeconds());
            }
        } catch (SQLException stillDown) {
            // The outage goes on and was logged when it began.
        }
    }

    private static String rootOf(Throwable failure) {
        Throwable root = Causes.root(failure);
        String state = root instanceof SQLException sql && sql.getSQLState() != null
                ? ", SQLState " + sql.getSQLState() : "";
        return (root.getClass().getSimpleName() + ": " + root.getMessage() + state).replaceAll("\\s+", " ");
    }
}
