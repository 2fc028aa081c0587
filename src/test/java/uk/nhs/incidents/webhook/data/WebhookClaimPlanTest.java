package uk.nhs.incidents.webhook.data;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.incidents.support.TestDatabase.execute;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.database.PlanGuards;

/**
 * The webhook claim takes, of each incident, only its first pending delivery, and finds whether a delivery is first
 * by one probe of the queue index, whatever the planner makes of the subscription's other indexes. On a table never
 * analysed (a new database, until autovacuum first analyses it) every index that begins with the subscription is
 * estimated to hold one row of it, at nearly the same cost, so small differences decide: here, the index of the
 * subscription's pending deliveries in sending order is the smaller, as the claims' own reads keep it clear of those
 * delivered while the queue index keeps them until vacuum. Through it, each look-up reads every pending delivery of
 * the subscription. The claim is run, planned as the service plans it, on temporary copies of the tables made on
 * the test's connection: copies that no ANALYZE, manual or automatic, ever reaches.
 */
@QuarkusTest
class WebhookClaimPlanTest {

    private static final Pattern SCAN = Pattern.compile(
            "Scan (?:Backward )?(?:using \\w+ )?on webhook_delivery \\w+ .*\\(actual rows=(\\d+) loops=(\\d+)\\)");
    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");
    private static final Pattern UPDATED = Pattern.compile("Update on webhook_delivery .*\\(actual rows=(\\d+)");

    private static final int DELIVERIES = 1_000;
    private static final int TAKEN = 20;

    @Inject
    DataSource dataSource;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aClaimReadsFewerThanTenRowsForEachDeliveryItTakesOnATableNeverAnalysed() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                backlogOnTablesNeverAnalysed(connection);

                List<String> plan = claimPlan(connection);

                assertThat(claimed(plan)).as("deliveries claimed: the first pending of each incident")
                        .isEqualTo(TAKEN);
                assertThat(rowsRead(plan)).as("rows of webhook_delivery the claim read, in\n" + String.join("\n", plan))
                        .isLessThan(10 * TAKEN);
            } finally {
                // The connection goes back to the pool: no copy may outlive the test to stand in for a table.
                connection.setAutoCommit(true);
                execute(connection, "discard temp");
            }
        }
    }

    /**
     * One subscription's deliveries, about three for each incident, written in an order that scatters the incidents
     * through the queue index; nine in ten delivered since, so that the queue index carries their entries while the
     * index of pending deliveries in sending order is rebuilt without them, as the claims' reads through it leave it
     * (on the new database where the trap was found: 2 pages against the queue index's 4). Each statement commits on
     * its own, so the rebuild finds the delivered rows' pending versions dead; a temporary table's are, as soon as
     * its own session is done with them, whatever other sessions do.
     */
    private static void backlogOnTablesNeverAnalysed(Connection connection) throws SQLException {
        execute(connection, "create temp table webhook_subscription"
                + " (like public.webhook_subscription including all)");
        execute(connection, "create temp table webhook_delivery (like public.webhook_delivery including all)");
        execute(connection, """
                insert into webhook_subscription (id, organisation, url, events, secret, created_at, created_by)
                values (1, 'YGM01', 'https://receiver.example/hooks', '["*"]', 'sealed', now(), 'test')""");
        execute(connection, """
                insert into webhook_delivery (id, subscription_id, incident_id, history_id, event, sequence, payload,
                    status, attempts, next_attempt_at, created_at)
                select g, 1, (g * 7919) %% (%1$d / 3 + 1), g, 'incident.updated', g, repeat('x', 1000), 'PENDING',
                    0, now() - interval '1 hour' + g * interval '1 ms', now() - interval '1 hour'
                from generate_series(1, %1$d) g""".formatted(DELIVERIES));
        execute(connection, "update webhook_delivery set status = 'DELIVERED', delivered_at = now()"
                + " where id % 10 <> 0");
        try (Statement statement = connection.createStatement(); ResultSet index = statement.executeQuery("""
                select cast(indexrelid as regclass) from pg_index
                where indrelid = cast('pg_temp.webhook_delivery' as regclass)
                    and pg_get_indexdef(indexrelid) like '%(subscription_id, next_attempt_at, id)%'""")) {
            assertThat(index.next()).as("the copy of the index of pending deliveries in sending order").isTrue();
            execute(connection, "reindex index " + index.getString(1));
        }
    }

    /**
     * The claim's plan as it runs in the dispatcher's transaction, with the rows each step read: on the connection
     * that holds the copies, through a Hibernate session of its own; rolled back.
     */
    private List<String> claimPlan(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Session session = sessionFactory.withOptions().connection(connection).openSession()) {
            PlanGuards.queueInIndexOrder(session);
            Instant now = Instant.now();
            return session.createNativeQuery("explain (analyze, timing off, summary off) "
                    + WebhookDeliveryRepository.CLAIM_DUE, String.class)
                    .setParameter("now", now).setParameter("leaseEnd", now.plusSeconds(60))
                    .setParameter("busy", new Long[0]).setParameter("only", new Long[0])
                    .setParameter("subscriptions", 8)
                    .setParameter("perSubscription", TAKEN)
                    .getResultList();
        } finally {
            connection.rollback();
        }
    }

    private static long claimed(List<String> plan) {
        return plan.stream().map(UPDATED::matcher).filter(Matcher::find).findFirst()
                .map(update -> Long.parseLong(update.group(1))).orElseThrow();
    }

    /** Every row a scan of webhook_delivery returned or filtered out, over all its loops. */
    private static long rowsRead(List<String> plan) {
        long read = 0;
        long loops = 0;
        for (String line : plan) {
            Matcher scan = SCAN.matcher(line);
            Matcher removed = REMOVED.matcher(line);
            if (scan.find()) {
                loops = Long.parseLong(scan.group(2));
                read += Long.parseLong(scan.group(1)) * loops;
            } else if (removed.find()) {
                read += Long.parseLong(removed.group(1)) * loops;
            } else if (line.contains("(actual ")) {
                loops = 0;
            }
        }
        return read;
    }
}
