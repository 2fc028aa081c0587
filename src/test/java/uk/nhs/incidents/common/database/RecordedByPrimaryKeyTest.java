package uk.nhs.incidents.common.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.data.NotificationRepository.Sent;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.Receiver;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Delivered;

/**
 * The dispatchers record a batch of emails sent, or of webhook deliveries accepted, in one statement each, joined to
 * arrays of the rows' ids and outcomes: every row gets its own time (and status), whatever order the ids come in;
 * the recording transaction has sequential scans off, and with that setting the statements reach the rows through
 * the primary key even when the table's statistics make reading it whole look cheaper, as they can on a new
 * database.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class RecordedByPrimaryKeyTest {

    @Inject
    Db db;

    @Inject
    EntityManager entityManager;

    @Inject
    NotificationRepository notifications;

    @Inject
    WebhookDeliveryRepository deliveries;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Site site;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
    }

    @Test
    void emailsRecordedSentTogetherKeepEachTheTimeItWasSent() {
        long incident = Fixtures.raise(site, "LIVE", 4);
        List<Long> emails = ids("notification where incident_id = " + incident);
        assertThat(emails).as("a raise emails several parties").hasSizeGreaterThan(1);
        // Held by a claim of this test's until 2030, whatever the service's dispatcher did with them meanwhile.
        Instant leaseEnd = Instant.parse("2030-01-01T10:00:00Z");
        db.execute("update notification set status = 'PENDING', attempts = 0, sent_at = null,"
                + " next_attempt_at = timestamptz '2030-01-01 10:00:00+00' where incident_id = " + incident);
        List<Sent> sent = IntStream.range(0, emails.size())
                .mapToObj(i -> new Sent(emails.get(i), start.minusSeconds(i))).toList();

        assertThat(QuarkusTransaction.requiringNew().call(() -> {
            notifications.markSent(sent, leaseEnd);
            return seqScans();
        })).as("sequential scans, for the rest of the recording transaction").isEqualTo("off");

        for (Sent email : sent) {
            assertThat(db.count("select count(*) from notification where id = " + email.id()
                    + " and status = 'SENT' and attempts = 1 and last_error is null")).isOne();
            assertThat(db.instant("select sent_at from notification where id = " + email.id())).isEqualTo(email.at());
        }
    }

    @Test
    void deliveriesRecordedTogetherKeepEachItsTimeAndStatusAndOneGivenUpMeanwhileStaysGivenUp() {
        try (Receiver receiver = Receiver.start()) {
            Webhooks.Registered hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
            try {
                deliveriesRecordedTogether(hook.id());
            } finally {
                given().auth().oauth2(Tokens.admin()).delete("/api/v1/webhooks/" + hook.id());
            }
        }
    }

    private void deliveriesRecordedTogether(long webhook) {
        for (int i = 0; i < 3; i++) {
            Fixtures.raise(site, "LIVE", 4);
        }
        List<Long> posted = ids("webhook_delivery where subscription_id = " + webhook);
        // Held by a claim of this test's until 2030, whatever the service's dispatcher did with them meanwhile.
        Instant leaseEnd = Instant.parse("2030-01-01T10:00:00Z");
        db.execute("update webhook_delivery set status = 'PENDING', attempts = 0, delivered_at = null,"
                + " next_attempt_at = timestamptz '2030-01-01 10:00:00+00' where subscription_id = " + webhook);
        db.execute("update webhook_delivery set status = 'FAILED' where id = " + posted.get(1));
        List<Delivered> accepted = IntStream.range(0, posted.size())
                .mapToObj(i -> new Delivered(posted.get(i), start.minusSeconds(i), 204 - i)).toList();

        assertThat(QuarkusTransaction.requiringNew().call(() -> {
            deliveries.markDelivered(accepted, leaseEnd);
            return seqScans();
        })).as("sequential scans, for the rest of the recording transaction").isEqualTo("off");

        for (Delivered delivery : List.of(accepted.get(0), accepted.get(2))) {
            assertThat(db.count("select last_status from webhook_delivery where id = " + delivery.id()
                    + " and status = 'DELIVERED' and attempts = 1")).isEqualTo(delivery.status());
            assertThat(db.instant("select delivered_at from webhook_delivery where id = " + delivery.id()))
                    .isEqualTo(delivery.at());
        }
        assertThat(db.count("select count(*) from webhook_delivery where id = " + posted.get(1)
                + " and status = 'FAILED' and attempts = 0 and delivered_at is null")).isOne();
    }

    @Test
    void aBatchIsReachedThroughThePrimaryKeyWhenTheStatisticsMakeReadingTheTableWholeLookCheaper() {
        QuarkusTransaction.requiringNew().run(() -> {
            // Index probes priced far above a pass over the table, as a new database's statistics make them.
            execute("set local random_page_cost = 100000");
            assertThat(plan(NotificationRepository.MARK_SENT)).as("the trap, without the setting")
                    .contains("Seq Scan on notification");
            assertThat(plan(WebhookDeliveryRepository.MARK_DELIVERED)).as("the trap, without the setting")
                    .contains("Seq Scan on webhook_delivery");

            PlanGuards.byPrimaryKeyOnly(entityManager);

            assertThat(plan(NotificationRepository.MARK_SENT)).contains("notification_pkey")
                    .doesNotContain("Seq Scan on notification")
                    .as("the queue's index of pending emails, read whole, is the backlog")
                    .doesNotContain("pending_idx");
            assertThat(plan(WebhookDeliveryRepository.MARK_DELIVERED)).contains("webhook_delivery_pkey")
                    .doesNotContain("Seq Scan on webhook_delivery")
                    .as("the queue's indexes of pending deliveries, read whole, are the backlog")
                    .doesNotContain("pending_idx").doesNotContain("queue_idx");
        });
    }

    private List<Long> ids(String fromWhere) {
        long count = db.count("select count(*) from " + fromWhere);
        return IntStream.range(0, (int) count)
                .mapToObj(i -> db.count("select id from " + fromWhere + " order by id offset " + i + " limit 1"))
                .toList();
    }

    private String seqScans() {
        return (String) entityManager.createNativeQuery("select current_setting('enable_seqscan')").getSingleResult();
    }

    private void execute(String sql) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    /** The plan of a recording statement for three rows. */
    private String plan(String statement) {
        var query = entityManager.createNativeQuery("explain " + statement)
                .setParameter("ids", new Long[] {1L, 2L, 3L})
                .setParameter("at", new String[] {start.toString(), start.toString(), start.toString()});
        if (statement.contains(":leaseEnd")) {
            query.setParameter("leaseEnd", start);
        }
        if (statement.contains(":statuses")) {
            query.setParameter("statuses", new Integer[] {200, 200, 200});
        }
        return String.join("\n", query.getResultList().stream().map(String::valueOf).toList());
    }
}
