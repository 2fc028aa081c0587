package uk.nhs.incidents.reporting.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.Session;
import uk.nhs.incidents.common.problem.UnavailableException;

/**
 * Runs a report's statements on its transaction's connection: one read-only snapshot, within the report's memory
 * and time, and a report PostgreSQL cancelled for its time is a 503, not a failure.
 */
@ApplicationScoped
public class ReportStatements {

    private static final String QUERY_CANCELED = "57014";
    /** A report stopped by its time limit may pass when fewer run beside it. */
    private static final Duration RETRY_REPORT_AFTER = Duration.ofMinutes(1);
    /**
     * The first key of the advisory locks that count the reports running ("REPT"); the two-key locks are a space
     * apart from the one-key locks taken elsewhere.
     */
    public static final int REPORT_SLOTS = 0x52455054;

    private final EntityManager entityManager;

    ReportStatements(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** An SQL array parameter: its element type and its values. */
    record SqlArray(String type, Object[] values) {
    }

    /** Reads a statement's rows. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** See {@link ReportQueries#begin}. */
    void begin(String workMem, long statementTimeoutMillis) {
        work(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level repeatable read, read only");
            }
            return null;
        });
        // Compiling these one-off aggregates costs more than it saves; running the record's partitions side by
        // side is worth every core even where the planner would stay serial; and plans are made for the values
        // asked, never generic, which the report's functions (V12) rely on to fold away what is not asked.
        select("select set_config('work_mem', ?, true), set_config('statement_timeout', ?, true),"
                + " set_config('jit', 'off', true), set_config('parallel_setup_cost', '0', true),"
                + " set_config('parallel_tuple_cost', '0', true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true)",
                List.of(workMem, String.valueOf(statementTimeoutMillis)), rows -> null);
    }

    /** See {@link ReportQueries#takeSlot}. */
    void takeSlot(int slots, Duration retryAfter) {
        for (int slot = 0; slot < slots; slot++) {
            if (select("select pg_try_advisory_xact_lock(?, ?)", List.of(REPORT_SLOTS, slot),
                    rows -> rows.next() && rows.getBoolean(1))) {
                return;
            }
        }
        throw new UnavailableException("reports-busy", "Too many reports at once",
                slots + " reports are running; ask again when one has finished.", retryAfter);
    }

    /** Runs a query with its positional parameters: instants, {@link SqlArray}s or what JDBC takes as they are. */
    <T> T select(String sql, List<?> parameters, Reader<T> reader) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    bind(connection, statement, i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            }
        });
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof SqlArray array) {
            statement.setArray(index, connection.createArrayOf(array.type(), array.values()));
        } else {
            statement.setObject(index, value);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                if (QUERY_CANCELED.equals(e.getSQLState())) {
                    throw new UnavailableException("report-timeout", "Report took too long",
                            "The report was stopped after its time limit; ask for a shorter period or fewer groups.",
                            RETRY_REPORT_AFTER);
                }
                throw e;
            }
        });
    }
}
