package uk.nhs.incidents.common.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Runs a sequence of inserts, or a read by key of a small table, with their statements prepared on the server and
 * kept there for the connection's life, so PostgreSQL parses and plans each one once instead of on every execution.
 *
 * <p>The driver normally sends every statement unnamed ({@code prepareThreshold=0}, ADR 0009): parsed, analysed and
 * planned again at each execution, so that no read keeps using a plan made while its table was empty. An insert of
 * values, or of arrays through {@code unnest}, has the same plan whatever the statistics say (the webhook delivery's
 * check that its subscription is still enabled reads a small table by key), so for those the repeated parsing and
 * planning buys nothing, and it is a large share of the work: pgbench replaying a raise's statements ran 36-51 %
 * faster with them prepared than unnamed (bench/README.md).
 *
 * <p>Use this only around code that sends inserts and {@code nextval}, or reads by key a table that does not grow
 * with the incidents (the raise's deployment). pgjdbc reuses a statement it has prepared on a connection for as long
 * as the connection lives, whatever the threshold afterwards, so whatever first runs inside stays prepared there: the
 * inserts and that read by design, and a read of reference data that a cache happens to reload inside (routing
 * rules, subscriptions, organisations, the version row), on small tables that do not grow with the incidents and
 * whose plans PostgreSQL makes again after each ANALYZE. A read of a table that grows with the incidents must never
 * run inside ({@code ServerPlansTest}).
 */
@ApplicationScoped
public class ServerPlans {

    /** Named from its first execution: the first run on a connection prepares, every later one binds and executes. */
    private static final int KEPT = 1;

    private final EntityManager entityManager;

    ServerPlans(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Runs the code with its statements kept prepared, and flushes what it persisted before returning, so
     * the entities' inserts are prepared too. After it returns, or throws, the connection prepares as before.
     */
    public <T> T keptFor(Supplier<T> statements) {
        Session session = entityManager.unwrap(Session.class);
        int before = threshold(session, KEPT);
        RuntimeException failure = null;
        try {
            T result = statements.get();
            session.flush();
            return result;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            restore(session, before, failure);
        }
    }

    /** Sets the threshold back; if that fails too, the code's failure is the one reported, carrying this one. */
    private static void restore(Session session, int before, RuntimeException failure) {
        try {
            threshold(session, before);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
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
