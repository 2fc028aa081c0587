package uk.nhs.incidents.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures mean the database cannot be reached (503), and which are a statement's own (not). */
class UnreachableDatabaseTest {

    @Test
    void connectionFailuresShutdownsAndPoolTimeoutsAreUnreachable() {
        assertThat(DatabaseOutage.isUnreachable(new PersistenceException(new JDBCConnectionException(
                "Unable to acquire JDBC Connection", new SQLException("refused", "08001"))))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
    }

    @Test
    void aStatementsOwnFailureIsNot() {
        assertThat(DatabaseOutage.isUnreachable(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key", "23505"), "uk"))).isFalse();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("syntax", "42601"))).isFalse();
        assertThat(DatabaseOutage.isUnreachable(new IllegalStateException("bug"))).isFalse();
    }
}
