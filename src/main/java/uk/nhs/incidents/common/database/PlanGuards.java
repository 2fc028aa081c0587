package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.sql.Statement;
import org.hibernate.Session;

/**
 * Settings of the planner for the rest of the current transaction, for statements whose right plan does not depend on
 * the statistics but whose statistics can mislead the planner: a queue's that change within seconds, a new database's
 * that describe empty tables. Each is set with {@code set local}, so it lasts until the transaction ends: for a
 * transaction opened for those statements alone.
 */
public final class PlanGuards {

    private PlanGuards() {
    }

    /**
     * Has the rest of the current transaction read a queue through its index, in order. A claim takes the first due
     * rows of an outbox in sending order. The planner works from statistics that a table filling and draining this fast
     * has outgrown within seconds: estimating a handful of due rows, it gathers every due row in a bitmap and sorts
     * them, which after a burst of changes is thousands (4,107 read and sorted for a claim of 50: 20 ms, and more the
     * further the dispatcher falls behind). Without bitmap scans, reading the index in order and stopping at the limit
     * is the cheapest plan left. (Pricing out sorts instead would do the same, but the penalty it adds to the plan's
     * cost sets off PostgreSQL's JIT compilation: 220 ms a claim.) For a transaction that only claims.
     */
    public static void queueInIndexOrder(EntityManager entityManager) {
        setLocal(entityManager, "enable_bitmapscan");
    }

    /**
     * Has the rest of the current transaction reach rows through an index, never by reading a table whole. For a
     * statement that writes a batch of rows named by their ids ({@code where t.id = any(:ids)}): it is planned from the
     * table's statistics, and on a new database, until autovacuum first analyses a table, those can make one pass over
     * the whole table look cheaper than fifty probes of its primary key (the dispatchers' first set-based record did
     * exactly that). With sequential scans priced out, the key's index is the cheapest way left to the rows the ids
     * name, so the statement reads those rows and no others whatever the statistics say. (The alternative, one
     * statement per row sent as one JDBC batch, has each row's statement parsed and planned on its own: about 50 µs of
     * planning an email.) For a transaction that only writes by id.
     */
    public static void byPrimaryKeyOnly(EntityManager entityManager) {
        setLocal(entityManager, "enable_seqscan");
    }

    /** Turns a kind of plan off until the transaction ends. */
    private static void setLocal(EntityManager entityManager, String kindOfPlan) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local " + kindOfPlan + " = off");
            }
        });
    }
}
