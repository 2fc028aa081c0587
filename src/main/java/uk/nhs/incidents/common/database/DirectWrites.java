package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * Runs a write of many rows at once straight through the session's JDBC connection, in its transaction, for the hot
 * statements whose rows the session never manages. Hibernate's native queries parse their SQL again at every
 * execution ({@code SQLQueryParser}), and for the outbox inserts, long statements run by every change, that was
 * 11.5 % of the request threads' samples at 100 raises/s (JFR, bench/README.md). Nothing is flushed first: the rows
 * written here reference only rows already written, and none of their kind is ever held by the session.
 */
public final class DirectWrites {

    private DirectWrites() {
    }

    /**
     * Executes {@code sql}, whose {@code ?} take the parameters in order: a {@code Long[]} as a {@code bigint}
     * array, a {@code String[]} as a {@code varchar} array (the SQL casts them to what it needs). Returns the number
     * of rows written; a failure surfaces as Hibernate's {@code JDBCException}, as a native query's would. Unlike a
     * native query, it does not check that a transaction is active: every caller writes inside one.
     */
    public static int execute(EntityManager entityManager, String sql, Object... parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    bind(connection, statement, i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private static void bind(Connection connection, PreparedStatement statement, int position, Object value)
            throws SQLException {
        if (value instanceof Long[] numbers) {
            statement.setArray(position, connection.createArrayOf("bigint", numbers));
        } else if (value instanceof String[] texts) {
            statement.setArray(position, connection.createArrayOf("varchar", texts));
        } else {
            throw new IllegalArgumentException("a Long[] or String[] parameter, not " + value);
        }
    }
}
