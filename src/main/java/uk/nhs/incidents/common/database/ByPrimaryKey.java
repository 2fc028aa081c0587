package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.sql.Statement;
import org.hibernate.Session;

/**
 * Has the rest of the current transaction reach rows through an index, never by reading a table whole. For a
 * statement that writes a batch of rows named by their ids ({@code where t.id = any(:ids)}): it is planned from the
 * table's statistics, and on a new database, until autovacuum first analyses a table, those can make one pass over
 * the whole table look cheaper than fifty probes of its primary key (the dispatchers' first set-based record did
 * exactly that). With sequential scans priced out, the key's index is the cheapest way left to the rows the ids
 * name, so the statement reads those rows and no others whatever the statistics say. (The alternative, one
 * statement per row sent as one JDBC batch, has each row's statement parsed and planned on its own: about 50 µs of
 * planning an email.) For a transaction that only writes by id, and opened for it: the setting lasts until it ends.
 */
public final class ByPrimaryKey {

    private ByPrimaryKey() {
    }

    public static void only(EntityManager entityManager) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local enable_seqscan = off");
            }
        });
    }
}
