package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.Session;

/**
 * One statement run for each of many rows, sent as one JDBC batch (one round trip). For updates of rows by primary
 * key: each statement names one id, so PostgreSQL reads it by its index whatever the table's statistics say, where
 * one statement joining the table to an array of ids is planned from them, and on a new database, whose statistics
 * still describe an empty table, scans it whole.
 */
public final class RowByRow {

    /** Sets one row's parameters on the statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private RowByRow() {
    }

    public static <T> void execute(EntityManager entityManager, String sql, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }
}
