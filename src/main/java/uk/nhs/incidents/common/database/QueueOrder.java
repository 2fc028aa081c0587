package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.sql.Statement;
import org.hibernate.Session;

/**
 * Has the rest of the current transaction read a queue through its index, in order. A claim takes the first due
 * rows of an outbox in sending order. The planner works from statistics that a table filling and draining this fast
 * has outgrown within seconds: estimating a handful of due rows, it gathers every due row in a bitmap and sorts them,
 * which after a burst of changes is thousands (4,107 read and sorted for a claim of 50: 20 ms, and more the further
 * the dispatcher falls behind). Without bitmap scans, reading the index in order and stopping at the limit is the
 * cheapest plan left. (Pricing out sorts instead would do the same, but the penalty it adds to the plan's cost sets
 * off PostgreSQL's JIT compilation: 220 ms a claim.) For a transaction that only claims: the setting lasts until it
 * ends.
 */
public final class QueueOrder {

    private QueueOrder() {
    }

    public static void inIndexOrder(EntityManager entityManager) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local enable_bitmapscan = off");
            }
        });
    }
}
