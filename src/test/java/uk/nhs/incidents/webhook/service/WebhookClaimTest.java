package uk.nhs.incidents.webhook.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.Receiver;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.TestDatabase;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Claim;

/**
 * The webhook claim reads each subscription's queue only as far as the deliveries it takes: a delivery another
 * dispatcher holds is skipped, and the later events of its incident wait behind it rather than overtake it, while
 * other incidents' events are taken.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class WebhookClaimTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    WebhookDeliveryRepository deliveries;

    private Receiver receiver;
    private Webhooks.Registered hook;
    private Instant start;
    private Site site;

    @BeforeEach
    void site() {
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        Fixtures.national();
        site = Fixtures.bars();
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
    }

    @AfterEach
    void cleanUp() {
        receiver.close();
        given().auth().oauth2(Tokens.admin()).delete("/api/v1/webhooks/" + hook.id());
    }

    @Test
    void aDeliveryHeldElsewhereIsSkippedWithTheLaterEventsOfItsIncidentAndOtherIncidentsAreTaken()
            throws SQLException {
        long held = raised();
        long other = raised();
        long later = laterEventOf(held);

        try (Connection elsewhere = DriverManager.getConnection("jdbc:postgresql://localhost:5432/"
                + TestDatabase.name(), TestDatabase.ROLE, TestDatabase.PASSWORD);
                Statement statement = elsewhere.createStatement()) {
            elsewhere.setAutoCommit(false);
            statement.execute("select id from webhook_delivery where id = " + held + " for update");

            assertThat(claim()).as("the other incident's event only").containsExactly(other);

            elsewhere.rollback();
        }
        assertThat(claim()).as("once free, the held one, and its incident's later event still behind it")
                .containsExactly(held);
        assertThat(later).isNotIn(claim());
    }

    /** Raises an incident; returns the id of its delivery. */
    private long raised() {
        long incident = Fixtures.raise(site, "LIVE", 4);
        return db.count("select id from webhook_delivery where subscription_id = " + hook.id()
                + " and incident_id = " + incident);
    }

    /** Writes a second, later event of the delivery's incident, due now; returns its id. */
    private long laterEventOf(long delivery) {
        db.execute("""
                insert into webhook_delivery (id, subscription_id, incident_id, history_id, event, sequence, payload,
                        status, attempts, next_attempt_at, created_at)
                select nextval('webhook_delivery_seq'), d.subscription_id, d.incident_id, h.id, d.event,
                        d.sequence + 1, d.payload, 'PENDING', 0, d.next_attempt_at, d.created_at
                from webhook_delivery d join incident_history h on h.incident_id = d.incident_id
                    and h.id <> d.history_id
                where d.id = %d
                order by h.id limit 1""".formatted(delivery));
        return db.count("select l.id from webhook_delivery l join webhook_delivery d on d.id = " + delivery
                + " and l.incident_id = d.incident_id and l.subscription_id = d.subscription_id"
                + " and l.sequence = d.sequence + 1");
    }

    private List<Long> claim() {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.claimDue(start,
                start.plus(Duration.ofMinutes(10)), Set.of(), 8, 20)).stream().map(Claim::id).toList();
    }
}
