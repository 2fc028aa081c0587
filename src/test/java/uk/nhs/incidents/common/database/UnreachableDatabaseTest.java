package uk.nhs.incidents.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
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

    /** As Narayana throws it when the database ends the connection under a commit: the driver's failure suppressed. */
    @Test
    void aCommitCutOffByTheDatabaseStoppingIsUnreachable() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        commit.addSuppressed(xa);
        assertThat(DatabaseOutage.isUnreachable(new IllegalStateException("Error invoking subclass method", commit)))
                .isTrue();
    }

    /** A scheduled job's run ends quietly only when all it met was the outage (QuietDuringOutage). */
    @Test
    void aRunThatFailedForAReasonOfItsOwnBesideTheOutageIsNotOnlyAnOutage() {
        SQLException down = new SQLException("refused", "08001");
        RuntimeException loops = new RuntimeException(down);
        loops.addSuppressed(new RuntimeException(new SQLException("refused", "08001")));
        assertThat(DatabaseOutage.isOnlyUnreachable(loops)).isTrue();

        RuntimeException bugBesideTheOutage = new IllegalStateException("bug");
        bugBesideTheOutage.addSuppressed(new RuntimeException(down));
        assertThat(DatabaseOutage.isUnreachable(bugBesideTheOutage)).as("503 to a request").isTrue();
        assertThat(DatabaseOutage.isOnlyUnreachable(bugBesideTheOutage)).isFalse();

        RuntimeException outageBesideABug = new RuntimeException(down);
        outageBesideABug.addSuppressed(new IllegalStateException("bug"));
        assertThat(DatabaseOutage.isOnlyUnreachable(outageBesideABug)).isFalse();
    }

    @Test
    void aStatementsOwnFailureIsNot() {
        assertThat(DatabaseOutage.isUnreachable(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key", "23505"), "uk"))).isFalse();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("syntax", "42601"))).isFalse();
        assertThat(DatabaseOutage.isUnreachable(new IllegalStateException("bug"))).isFalse();
    }
}
