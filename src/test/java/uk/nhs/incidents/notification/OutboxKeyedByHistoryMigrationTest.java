package uk.nhs.incidents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.TestDatabase;

/**
 * V23-V25 key each email and webhook delivery to the history entry it reports and that entry's incident together,
 * one check where there were two. Rows written before the upgrade must pass it, and the key must still refuse what
 * the two did, and now also an entry of another incident.
 */
class OutboxKeyedByHistoryMigrationTest {

    private static String url;

    @BeforeAll
    static void upgradeAnOutboxWrittenBeforeV23() throws SQLException {
        url = TestDatabase.scratch("outbox_key");
        TestDatabase.flyway(url, "22").migrate();
        TestDatabase.addSite(url);
        execute(incident(1), incident(2),
                """
                insert into incident_history (id, incident_id, occurred_at, actor_user, actor_ods, action)
                values (11, 1, now(), 'someone', 'P1', 'CREATED'), (12, 1, now(), 'someone', 'P1', 'ROUTED'),
                       (21, 2, now(), 'someone', 'P1', 'CREATED')""",
                """
                insert into webhook_subscription (id, organisation, url, events, secret, created_at, created_by)
                values (1, 'S1', 'https://s1.example.org/hook', '["*"]', 'sealed', now(), 'admin')""",
                email(1, 1, 11), delivery(1, 1, 11));
        TestDatabase.flyway(url, null).migrate();
    }

    @Test
    void anEmailOrDeliveryOfAnEntryAndItsIncidentIsWritten() throws SQLException {
        execute(email(2, 2, 21), delivery(2, 2, 21));

        assertThat(count("select count(*) from notification where incident_id = 2")).isEqualTo(1);
        assertThat(count("select count(*) from webhook_delivery where incident_id = 2")).isEqualTo(1);
    }

    @Test
    void anEmailOrDeliveryNamingAnotherIncidentsEntryIsRefused() {
        assertThatThrownBy(() -> execute(email(3, 1, 21))).hasMessageContaining("notification_history_entry_fkey");
        assertThatThrownBy(() -> execute(delivery(3, 2, 12)))
                .hasMessageContaining("webhook_delivery_history_entry_fkey");
    }

    @Test
    void anEmailOrDeliveryOfNoEntryIsRefused() {
        assertThatThrownBy(() -> execute(email(4, 1, 99))).hasMessageContaining("notification_history_entry_fkey");
        assertThatThrownBy(() -> execute(delivery(4, 1, 99)))
                .hasMessageContaining("webhook_delivery_history_entry_fkey");
    }

    @Test
    void rowsWrittenBeforeTheUpgradePassTheNewKeysWhichReplaceTheOldOnes() throws SQLException {
        assertThat(count("select count(*) from notification where id = 1")).isOne();
        assertThat(count("select count(*) from webhook_delivery where id = 1")).isOne();
        assertThat(count("select count(*) from pg_constraint where convalidated and conname in"
                + " ('notification_history_entry_fkey', 'webhook_delivery_history_entry_fkey')"))
                .as("checked against the rows already there").isEqualTo(2);
        assertThat(count("select count(*) from pg_constraint where conname in ('notification_history_id_fkey',"
                + " 'notification_incident_id_fkey', 'webhook_delivery_history_id_fkey',"
                + " 'webhook_delivery_incident_id_fkey')")).isZero();
    }

    private static String incident(long id) {
        return """
                insert into incident (id, reference, deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods,
                        reporter_user, phase, status, severity, clinical_safety, national_component_suspected, title,
                        description, occurred_at, created_at, updated_at, version, accountable_ods)
                values (%d, 'INC-2026-00000%d', 1, 'S1', 'P1', 'I1', 'P1', 'someone', 'LIVE', 'NEW', 3, false,
                        false, 'Title', 'Description', now(), now(), now(), 0, 'I1')""".formatted(id, id);
    }

    private static String email(long id, long incidentId, long historyId) {
        return """
                insert into notification (id, incident_id, history_id, event, recipient_ods, recipient_email, subject,
                        message, status, attempts, next_attempt_at, created_at)
                values (%d, %d, %d, 'RAISED', 'S1', 'e%d@example.org', 'Subject', '{}', 'PENDING', 0, now(), now())"""
                .formatted(id, incidentId, historyId, id);
    }

    private static String delivery(long id, long incidentId, long historyId) {
        return """
                insert into webhook_delivery (id, subscription_id, incident_id, history_id, event, sequence, payload,
                        status, attempts, next_attempt_at, created_at)
                values (%d, 1, %d, %d, 'incident.raised', %d, '{}', 'PENDING', 0, now(), now())"""
                .formatted(id, incidentId, historyId, id);
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(TestDatabase.rows(url, sql).get(0));
    }

    private static void execute(String... statements) throws SQLException {
        TestDatabase.execute(url, statements);
    }
}
