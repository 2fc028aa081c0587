package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.sql.Statement;
import org.hibernate.Session;

/**
 * Has the rest of the current transaction reach rows through an index, never by reading a table whole. For a
 * statement that writes a batch of rows named by their ids ({@code where t.id = any(:ids)}): it is planned from the
 * table's statistics, and on a new database, whose statistics still describe an empty table until autovacuum first
 * analyses it, PostgreSQL prices one pass over the whole table below fifty probes of its primary key, and makes that
 * pass however far the table has grown meanwhile. With sequential scans priced out, the key's index is the cheapest
 * way left to the rows the ids name, so the statement reads those rows and no others whatever the statistics say.
 * (The alternative, one statement per row sent as one JDBC batch, has each row's statement parsed and planned on its
 * own: about 0.1 ms of PostgreSQL's time an email.) For a transaction that only writes by id: the setting lasts
 * until it ends.
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
