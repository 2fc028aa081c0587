package uk.nhs.incidents.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * A change made on a connection of the test's own and held open, not yet committed, while the service acts: what
 * another request or instance would be in the middle of. Closing it without {@link #commit} rolls it back.
 */
public final class OpenChange implements AutoCloseable {

    private final Connection connection;
    private final long backend;
    private final Db db;

    private OpenChange(Connection connection, long backend, Db db) {
        this.connection = connection;
        this.backend = backend;
        this.db = db;
    }

    /** Runs {@code sql} in a transaction left open. */
    public static OpenChange of(DataSource dataSource, Db db, String sql) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(sql);
            ResultSet row = statement.executeQuery("select pg_backend_pid()");
            row.next();
            return new OpenChange(connection, row.getLong(1), db);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Waits until {@code work} has finished, or until some session waits for this change's locks: work that does
     * not wait for the change finishes without it, and work that does is then known to have met it.
     */
    public void awaitFinishedOrWaitingFor(Future<?> work) {
        Eventually.within(Duration.ofSeconds(20), "the work finishing or waiting for the open change",
                () -> work.isDone() || db.count("select count(*) from pg_stat_activity where " + backend
                        + " = any(pg_blocking_pids(pid))") > 0);
    }

    /**
     * Waits until {@code sessions} sessions of this database wait for a lock: for this change's, or queued behind
     * another waiting for them (a second waiter for a row is blocked by the first, not by its holder).
     */
    public void awaitWaiting(int sessions) {
        Eventually.within(Duration.ofSeconds(20), sessions + " sessions waiting for the open change",
                () -> db.count("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and cardinality(pg_blocking_pids(pid)) > 0") >= sessions);
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
