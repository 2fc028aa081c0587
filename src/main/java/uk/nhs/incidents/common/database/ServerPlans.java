package uk.nhs.incidents.common.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Runs a sequence of inserts with their statements prepared on the server and kept there for the connection's life,
 * so PostgreSQL parses and plans each one once instead of on every execution.
 *
 * <p>The driver normally sends every statement unnamed ({@code prepareThreshold=0}, ADR 0009): parsed, analysed and
 * planned again at each execution, so that no read keeps using a plan made while its table was empty. An insert of
 * values, or of arrays through {@code unnest}, has the same plan whatever the statistics say, so for those the
 * repeated parsing and planning buys nothing, and it is a large share of the work: pgbench replaying a raise's
 * statements ran 40-50 % faster with them prepared than unnamed (bench/README.md).
 *
 * <p>Use this only around code that sends inserts and {@code nextval}. A read or a conditional update sent inside
 * would also be kept. PostgreSQL plans a kept statement for its values for its first five executions on a connection,
 * so a rare read is not at risk, but a frequent one could fall back to a plan made while its table was small.
 */
@ApplicationScoped
public class ServerPlans {

    /** Named from its first execution: the first run after a restart prepares, every later one binds and executes. */
    private static final int KEPT = 1;

    private final EntityManager entityManager;

    ServerPlans(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Runs the inserts with their statements kept prepared, and flushes what they persisted before returning, so the
     * entities' inserts are prepared too. After it returns, or throws, the connection prepares as before.
     */
    public <T> T keptFor(Supplier<T> inserts) {
        Session session = entityManager.unwrap(Session.class);
        int before = threshold(session, KEPT);
        try {
            T result = inserts.get();
            session.flush();
            return result;
        } finally {
            threshold(session, before);
        }
    }

    /** Sets how many executions of a statement on this connection the driver waits for to prepare it; the old value. */
    private static int threshold(Session session, int executions) {
        return session.doReturningWork(connection -> {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            int previous = postgres.getPrepareThreshold();
            postgres.setPrepareThreshold(executions);
            return previous;
        });
    }
}
