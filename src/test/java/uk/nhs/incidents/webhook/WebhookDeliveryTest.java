package uk.nhs.incidents.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static uk.nhs.incidents.support.Inbox.incidentMailbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.time.UkTime;
import uk.nhs.incidents.notification.service.Dispatcher;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.Receiver;
import uk.nhs.incidents.support.Receiver.Received;
import uk.nhs.incidents.support.Receiver.Reply;
import uk.nhs.incidents.support.StandardWebhooks;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.support.Webhooks.Registered;
import uk.nhs.incidents.webhook.data.WebhookSubscriptionRepository;
import uk.nhs.incidents.support.Workflow;
import uk.nhs.incidents.webhook.service.WebhookDispatcher;

/**
 * Webhooks delivered to real HTTP receivers, at pinned instants with no job running on its own: each test runs the
 * webhook dispatcher (and the email dispatcher) itself, so every retry happens exactly when the scenario says.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class WebhookDeliveryTest {

    private static final String NHS_NUMBER = "943 476 5919";

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WebhookDispatcher webhooks;

    @Inject
    Dispatcher emails;

    @Inject
    WebhookSubscriptionRepository subscriptions;

    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Long> registered = new ArrayList<>();
    private Instant start;
    private Site site;
    private String provider;
    private String supplier;

    @BeforeEach
    void site() {
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        Fixtures.national();
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
        supplier = Tokens.as("supplier", site.supplier());
    }

    @AfterEach
    void cleanUp() {
        receivers.forEach(Receiver::close);
        registered.forEach(id -> given().auth().oauth2(Tokens.admin()).delete("/api/v1/webhooks/" + id));
    }

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private Registered hook(String organisation, String url, String... events) {
        Registered hook = Webhooks.register(organisation, url, events);
        registered.add(hook.id());
        return hook;
    }

    private void at(Duration sinceStart) {
        clock.pin(start.plus(sinceStart));
    }

    /** Runs the webhook dispatcher until nothing due is left at the pinned instant, each run sent and recorded. */
    private void sendDue() {
        for (int run = 0; run < 10; run++) {
            webhooks.dispatch().join();
        }
    }

    /**
     * Keeps a webhook whose receiver fails tried as a service with events to send tries it, until {@code end}: every
     * 10 minutes, within the longest wait between attempts (the test profile's 4 s backoff and 10 minute claim lease),
     * an incident raised every 2 hours, as a delivery is given up after 15 attempts.
     */
    private void failingUntil(Duration end) {
        for (Duration now = Duration.ofMinutes(10); now.compareTo(end) <= 0; now = now.plusMinutes(10)) {
            at(now);
            if (now.toMinutes() % 120 == 0) {
                Fixtures.raise(site, "LIVE", 3);
            }
            webhooks.dispatch().join();
        }
    }

    /** Runs the email dispatcher until nothing due is left: other tests' emails may be due before these. */
    private void sendEmails() {
        while (emails.dispatchBatch() > 0) {
            // each batch sends, or schedules a retry of, what it claimed
        }
    }

    private String reference(long id) {
        return given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().extract().jsonPath()
                .getString("reference");
    }

    private static JsonPath json(Received received) {
        return new JsonPath(received.body());
    }

    private JsonPath delivery(String organisation, long webhook, int index) {
        JsonPath page = Webhooks.deliveries(organisation, webhook);
        return new JsonPath(page.prettify()).setRootPath("items[" + index + "]");
    }

    @Test
    void eachEventArrivesSignedAsTheStandardWebhooksSpecificationSaysCarryingNoFreeText() {
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "*");
        Map<String, Object> raise = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        raise.put("description", "Patient NHS number " + NHS_NUMBER + " was referred to the wrong service.");
        long id = Fixtures.raise(provider, raise);
        given().auth().oauth2(provider).contentType(ContentType.JSON)
                .body(Map.of("body", "The patient, NHS number " + NHS_NUMBER + ", is safe.")).post(
                        "/api/v1/incidents/" + id + "/comments").then().statusCode(201);
        sendDue();

        List<Received> received = receiver.received();
        assertThat(received).hasSize(2).allSatisfy(r -> {
            assertThat(StandardWebhooks.verifies(hook.secret(), r.id(), r.timestamp(), r.body(), r.signature()))
                    .as("signed with the subscription's secret").isTrue();
            assertThat(StandardWebhooks.verifies(hook.secret(), r.id(), r.timestamp(), r.body() + " ",
                    r.signature())).as("a body changed on the way fails the check").isFalse();
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.timestamp()).isEqualTo(String.valueOf(start.getEpochSecond()));
            assertThat(r.body()).doesNotContain(NHS_NUMBER).doesNotContain("Referral not received");
        });
        JsonPath raised = json(received.get(0));
        assertThat(raised.getString("type")).isEqualTo("incident.raised");
        assertThat(raised.getLong("data.sequence")).isOne();
        assertThat(raised.getLong("data.incident.id")).isEqualTo(id);
        assertThat(raised.getString("data.incident.reference")).isEqualTo(reference(id));
        assertThat(raised.getString("data.incident.status")).isEqualTo("NEW");
        assertThat(raised.getInt("data.incident.severity")).isEqualTo(3);
        assertThat(raised.getString("data.incident.phase")).isEqualTo("LIVE");
        assertThat(raised.getString("data.incident.routing.resolver.organisation")).isEqualTo(site.supplier());
        assertThat(raised.getString("data.incident.routing.accountable.organisation")).isEqualTo(site.icb());
        assertThat(raised.getString("data.links.incident")).isEqualTo("http://localhost:8080/api/v1/incidents/" + id);
        JsonPath commented = json(received.get(1));
        assertThat(commented.getString("type")).isEqualTo("incident.comment_added");
        assertThat(commented.getLong("data.sequence")).isEqualTo(2);
        assertThat(received.get(0).id()).isEqualTo(delivery(site.supplier(), hook.id(), 0).getString("id"));
    }

    @Test
    void aWebhookRemovedWhileItsBatchIsPostedIsSentNothingMore() {
        AtomicLong webhook = new AtomicLong();
        AtomicBoolean removed = new AtomicBoolean();
        // The organisation removes its webhook as the first event of the batch arrives.
        Receiver receiver = receiver(Receiver.start().answering(r -> {
            if (removed.compareAndSet(false, true)) {
                given().auth().oauth2(Tokens.as("integration", site.supplier()))
                        .delete("/api/v1/webhooks/" + webhook.get()).then().statusCode(204);
            }
            return Reply.of(200);
        }));
        webhook.set(hook(site.supplier(), receiver.url(), "incident.raised").id());
        for (int i = 0; i < 3; i++) {
            Fixtures.raise(site, "LIVE", 3);
        }
        sendDue();

        assertThat(removed).isTrue();
        assertThat(receiver.received()).as("the post under way when it was removed, and none after").hasSize(1);
    }

    @Test
    void anEventAnsweredTwiceWith500IsDeliveredOnceOnTheThirdAttemptUnderOneId() {
        AtomicInteger answers = new AtomicInteger();
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(answers.incrementAndGet() <= 2 ? 500
                : 200)));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();
        at(Duration.ofSeconds(5));
        sendDue();
        at(Duration.ofSeconds(10));
        sendDue();
        at(Duration.ofHours(1));
        sendDue();

        List<Received> received = receiver.received();
        assertThat(received).extracting(Received::answeredWith).containsExactly(500, 500, 200);
        assertThat(received).extracting(Received::id).containsOnly(received.get(0).id());
        JsonPath delivery = delivery(site.supplier(), hook.id(), 0);
        assertThat(delivery.getString("status")).isEqualTo("DELIVERED");
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        assertThat(delivery.getInt("lastStatus")).isEqualTo(200);
    }

    /**
     * The database refuses to record a delivery its receiver accepted (a trigger here, as a database that stopped
     * answering would), then answers again: the next run records it, and the claim's lapse ten minutes on posts
     * nothing more. Before, the receiver got the event a second time.
     */
    @Test
    void aDeliveryAcceptedWhileItsRecordFailedIsRecordedOnceTheDatabaseAnswersAndNotPostedAgain() {
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        db.execute("create function refuse_recording() returns trigger language plpgsql as $$ begin"
                + " raise exception 'the database is not answering'; end $$");
        db.execute("create trigger refuse_recording before update on webhook_delivery for each row"
                + " when (new.status = 'DELIVERED' and new.subscription_id = " + hook.id() + ")"
                + " execute function refuse_recording()");
        try {
            Fixtures.raise(site, "LIVE", 3);
            assertThatThrownBy(() -> webhooks.dispatch().join()).as("the sender stops, its record refused")
                    .hasMessageContaining("the database is not answering");
            assertThat(receiver.received()).hasSize(1);
        } finally {
            db.execute("drop trigger refuse_recording on webhook_delivery");
            db.execute("drop function refuse_recording()");
        }
        sendDue();
        assertThat(delivery(site.supplier(), hook.id(), 0).getString("status")).isEqualTo("DELIVERED");
        at(Duration.ofMinutes(11));
        sendDue();
        assertThat(receiver.received()).as("posted once").hasSize(1);
    }

    /**
     * A batch cut short by a failure of its own (here the record of a receiver's 500 refused, as a database that
     * stopped answering would) hands back what it had not posted, due at once: before, those waited out the claim's
     * ten minutes, and their incidents' later events with them.
     */
    @Test
    void aBatchCutShortByAFailedRecordHandsBackWhatItHadNotPosted() {
        AtomicInteger answers = new AtomicInteger();
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(answers.incrementAndGet() == 2 ? 500
                : 200)));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        for (int i = 0; i < 3; i++) {
            Fixtures.raise(site, "LIVE", 3);
        }
        db.execute("create function refuse_recording() returns trigger language plpgsql as $$ begin"
                + " raise exception 'the database is not answering'; end $$");
        db.execute("create trigger refuse_recording before update on webhook_delivery for each row"
                + " when (new.attempts > old.attempts and new.status = 'PENDING' and new.subscription_id = "
                + hook.id() + ") execute function refuse_recording()");
        try {
            assertThatThrownBy(() -> webhooks.dispatch().join()).hasMessageContaining("the database is not answering");
            assertThat(receiver.received()).extracting(Received::answeredWith).containsExactly(200, 500);
        } finally {
            db.execute("drop trigger refuse_recording on webhook_delivery");
            db.execute("drop function refuse_recording()");
        }
        sendDue();
        assertThat(receiver.received()).extracting(Received::answeredWith).containsExactly(200, 500, 200, 200);
        assertThat(db.count("select count(*) from webhook_delivery where status = 'DELIVERED' and subscription_id = "
                + hook.id())).isEqualTo(3);
    }

    /**
     * A success recorded late (LateRecords) neither moves the webhook's last success back nor clears a failure
     * recorded since, which its disabling counts from.
     */
    @Test
    void aSuccessRecordedLateLeavesALaterSuccessAndALaterFailureAsTheyAre() {
        Registered hook = hook(site.supplier(), receiver(Receiver.start()).url(), "incident.raised");
        db.execute("update webhook_subscription set last_delivered_at = timestamptz '2026-12-06 10:00:00+00',"
                + " last_failed_at = timestamptz '2026-12-06 10:05:00+00',"
                + " failing_since = timestamptz '2026-12-06 10:05:00+00' where id = " + hook.id());
        String health = "select count(*) from webhook_subscription where id = " + hook.id() + " and last_delivered_at"
                + " = timestamptz '%s' and failing_since is %s";

        QuarkusTransaction.requiringNew().run(() -> subscriptions.delivered(hook.id(),
                Instant.parse("2026-12-06T09:55:00Z")));
        assertThat(db.count(health.formatted("2026-12-06 10:00:00+00", "not null"))).isOne();

        QuarkusTransaction.requiringNew().run(() -> subscriptions.delivered(hook.id(),
                Instant.parse("2026-12-06T10:10:00Z")));
        assertThat(db.count(health.formatted("2026-12-06 10:10:00+00", "null"))).isOne();
    }

    @Test
    void noEventOvertakesAnEarlierOneOfItsIncidentThatIsStillBeingRetried() {
        AtomicInteger answers = new AtomicInteger();
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(answers.incrementAndGet() == 1 ? 503
                : 200)));
        hook(site.supplier(), receiver.url(), "*");
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        sendDue();
        assertThat(receiver.received()).as("the first event failed; the later two wait for it").hasSize(1);

        at(Duration.ofSeconds(5));
        sendDue();
        List<String> arrived = receiver.received().stream().map(WebhookDeliveryTest::json)
                .map(j -> j.getString("type") + " " + j.getLong("data.sequence") + " " + j.getString(
                        "data.incident.status")).toList();
        assertThat(arrived).containsExactly("incident.raised 1 NEW", "incident.raised 1 NEW",
                "incident.status_changed 2 TRIAGED", "incident.status_changed 3 IN_PROGRESS");
        assertThat(json(receiver.received().get(2)).getString("data.change.to")).isEqualTo("TRIAGED");
    }

    @Test
    void aReceiverThatKeepsUpIsSentMoreThanOneBatchInARun() {
        Receiver receiver = receiver(Receiver.start());
        hook(site.supplier(), receiver.url(), "incident.raised");
        for (int i = 0; i < 21; i++) {
            Fixtures.raise(site, "LIVE", 4);
        }
        webhooks.dispatch().join();

        assertThat(receiver.received()).as("the 21st incident's delivery too").hasSize(21);
    }

    /**
     * A burst of changes to one incident reaches a receiver that keeps up from one run, in order: each claim takes
     * only the first pending event of an incident, and the sender claims again at once for the one behind it, where
     * a burst had taken one run, a second apart, per event.
     */
    @Test
    void aBurstOfChangesToOneIncidentReachesAReceiverThatKeepsUpFromOneRunInOrder() {
        Receiver receiver = receiver(Receiver.start());
        hook(site.supplier(), receiver.url(), "*");
        long id = Fixtures.raise(site, "LIVE", 3);
        for (int i = 1; i <= 5; i++) {
            given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("body", "Update " + i))
                    .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
        }
        webhooks.dispatch().join();

        assertThat(receiver.received().stream().map(WebhookDeliveryTest::json).map(j -> j.getLong("data.sequence")))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aClientErrorFailsTheDeliveryAtOnceWithoutRetrying() {
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(410)));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();
        at(Duration.ofHours(2));
        sendDue();

        assertThat(receiver.received()).hasSize(1);
        JsonPath delivery = delivery(site.supplier(), hook.id(), 0);
        assertThat(delivery.getString("status")).isEqualTo("FAILED");
        assertThat(delivery.getInt("attempts")).isOne();
        assertThat(delivery.getInt("lastStatus")).isEqualTo(410);
    }

    @Test
    void aReceiverAskingToWaitIsTriedAgainAfterItsRetryAfter() {
        Receiver receiver = receiver(Receiver.start().answering(r -> new Reply(429, Map.of("Retry-After", "3"))));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();

        JsonPath delivery = delivery(site.supplier(), hook.id(), 0);
        assertThat(delivery.getString("status")).isEqualTo("PENDING");
        assertThat(delivery.getString("nextAttemptAt")).isEqualTo(start.plusSeconds(3).toString());
    }

    @Test
    void aRefusedConnectionIsTriedAgainLater() {
        Registered hook = hook(site.supplier(), Receiver.refusing(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();

        JsonPath delivery = delivery(site.supplier(), hook.id(), 0);
        assertThat(delivery.getString("status")).isEqualTo("PENDING");
        assertThat(delivery.getInt("attempts")).isOne();
        assertThat(delivery.getString("lastStatus")).isNull();
        assertThat(delivery.getString("lastError")).containsIgnoringCase("refused");
        assertThat(Instant.parse(delivery.getString("nextAttemptAt"))).isAfter(start);
    }

    /**
     * The supplier's receiver accepts the request and never answers. Meanwhile the ICB's receiver has the same event
     * and the email of the same change is sent: neither waits for the dead receiver.
     */
    @Test
    void aDeadReceiverDelaysNeitherTheEmailOfTheSameChangeNorAnotherSubscription() {
        Receiver dead = receiver(Receiver.dead());
        Receiver healthy = receiver(Receiver.start());
        Registered toDead = hook(site.supplier(), dead.url(), "*");
        hook(site.icb(), healthy.url(), "*");
        long id = Fixtures.raise(site, "LIVE", 3);

        CompletableFuture<Void> sending = webhooks.dispatch();
        dead.awaitRequests(1);
        healthy.awaitRequests(1);
        assertThat(json(healthy.received().get(0)).getLong("data.incident.id")).isEqualTo(id);
        assertThat(sending).as("the dead receiver still holds its request").isNotDone();
        sendEmails();
        assertThat(new Inbox(mail).recipients(reference(id), "New incident")).contains(incidentMailbox(site.supplier()));
        assertThat(sending).as("the email went while the dead receiver still held its request").isNotDone();

        dead.close();
        sending.join();
        JsonPath delivery = delivery(site.supplier(), toDead.id(), 0);
        assertThat(delivery.getString("status")).isEqualTo("PENDING");
        assertThat(delivery.getInt("attempts")).isOne();
    }

    /**
     * Receivers of several organisations may share one host and port (a vendor's ingest service, one path each). Two
     * of the supplier's hold their posts unanswered; the ICB's, on the same address, is still posted at once rather
     * than kept waiting for a connection until its attempt times out and counts against it.
     */
    @Test
    void slowReceiversAtOneAddressLeaveAnotherWebhookThereItsOwnConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(2);
        Receiver shared = receiver(Receiver.start().answering(request -> {
            if (request.target().contains("slow")) {
                holding.countDown();
                awaitQuietly(release);
            }
            return Reply.of(200);
        }));
        try {
            hook(site.supplier(), shared.url() + "?slow=1", "incident.raised");
            hook(site.supplier(), shared.url() + "?slow=2", "incident.raised");
            Fixtures.raise(site, "LIVE", 3);
            webhooks.dispatch();
            assertThat(holding.await(20, TimeUnit.SECONDS)).as("both slow posts under way").isTrue();

            Registered icbs = hook(site.icb(), shared.url() + "?ok", "incident.raised");
            Fixtures.raise(site, "LIVE", 3);
            webhooks.dispatch().get(20, TimeUnit.SECONDS);

            JsonPath delivery = delivery(site.icb(), icbs.id(), 0);
            assertThat(delivery.getString("lastError")).isNull();
            assertThat(delivery.getString("status")).isEqualTo("DELIVERED");
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A receiver at an IPv6 address is sent the Host HTTP defines, the address in brackets (strict servers 400). */
    @Test
    void aReceiverAtAnIpv6AddressGetsItsHostInBrackets() throws Exception {
        Receiver receiver;
        try {
            receiver = receiver(Receiver.startOn(InetAddress.getByName("::1")));
        } catch (IllegalStateException noIpv6) {
            Assumptions.abort("this machine has no IPv6 loopback");
            return;
        }
        hook(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();

        String port = receiver.url().replaceAll(".*\\]:(\\d+)/.*", "$1");
        assertThat(receiver.received()).singleElement().extracting(Received::host)
                .isEqualTo("[0:0:0:0:0:0:0:1]:" + port);
    }

    /** A receiver that copied the file learns it is gone; not its name nor why, either of which may name a patient. */
    @Test
    void evidenceRemovedReachesItsSubscriberWithoutTheFilesNameOrTheReason() {
        Receiver receiver = receiver(Receiver.start());
        hook(site.supplier(), receiver.url(), "incident.evidence_removed");
        long id = Fixtures.raise(site, "LIVE", 3);
        long evidence = given().auth().oauth2(provider).contentType("text/plain").queryParam("kind", "CALL_REPORT")
                .queryParam("filename", "mrs-jones-call.txt").body("Caller could not book")
                .post("/api/v1/incidents/" + id + "/evidence").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Mrs Jones's call, uploaded to the wrong incident"))
                .post("/api/v1/incidents/" + id + "/evidence/" + evidence + "/removal").then().statusCode(200);
        sendDue();

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(json(r).getString("type")).isEqualTo("incident.evidence_removed");
            assertThat(json(r).getLong("data.incident.id")).isEqualTo(id);
            assertThat(r.body()).doesNotContainIgnoringCase("jones");
        });
    }

    @Test
    void aSupplierHearsOnlyOfItsOwnIncidents() {
        Site other = Fixtures.bars();
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "*");
        long others = Fixtures.raise(other, "LIVE", 3);
        Workflow.move(Tokens.as("supplier", other.supplier()), others, "TRIAGED", null).statusCode(200);
        long own = Fixtures.raise(site, "LIVE", 3);
        sendDue();

        assertThat(receiver.received()).extracting(r -> json(r).getLong("data.incident.id")).containsExactly(own);
        assertThat(db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id()
                + " and incident_id = " + others)).isZero();
    }

    @Test
    void aPartyHearsOfTheChangeThatRoutesItInAndKeepsHearingAfterReRoutingRemovesIt() {
        Receiver receiver = receiver(Receiver.start());
        hook(Fixtures.NATIONAL.hub(), receiver.url(), "incident.routing_changed", "incident.comment_added");
        long id = Fixtures.raise(site, "LIVE", 4);
        Workflow.reclassify(supplier, id, Map.of("severity", 2, "reason", "Patients are affected")).statusCode(200);
        Workflow.reclassify(supplier, id, Map.of("severity", 4, "reason", "A workaround exists")).statusCode(200);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(Map.of("body", "Workaround in place"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
        sendDue();

        assertThat(receiver.received()).map(WebhookDeliveryTest::json)
                .filteredOn(event -> event.getLong("data.incident.id") == id).extracting(e -> e.getString("type"))
                .containsExactly("incident.routing_changed", "incident.routing_changed", "incident.comment_added");
    }

    /**
     * A reclassification's event carries the routing the change leaves, and reaches the organisation it routes in:
     * the procurement hub hears of the raise to severity 2 that adds it, and the supplier reads the hub among the
     * parties, then not once the severity is lowered again (the hub, a former party, still hears of that).
     */
    @Test
    void aReclassificationsEventCarriesTheRoutingItLeavesAndReachesThePartyItAdds() {
        Receiver hub = receiver(Receiver.start());
        Receiver resolver = receiver(Receiver.start());
        hook(Fixtures.NATIONAL.hub(), hub.url(), "incident.reclassified", "incident.routing_changed");
        hook(site.supplier(), resolver.url(), "incident.reclassified");
        long id = Fixtures.raise(site, "LIVE", 4);
        Workflow.reclassify(supplier, id, Map.of("severity", 2, "reason", "Patients are affected")).statusCode(200);
        Workflow.reclassify(supplier, id, Map.of("severity", 4, "reason", "A workaround exists")).statusCode(200);
        sendDue();

        assertThat(hub.received()).map(WebhookDeliveryTest::json)
                .filteredOn(event -> event.getLong("data.incident.id") == id)
                .extracting(e -> e.getString("type") + " " + e.getInt("data.incident.severity")).containsExactly(
                        "incident.reclassified 2", "incident.routing_changed 2", "incident.reclassified 4",
                        "incident.routing_changed 4");
        List<JsonPath> told = resolver.received().stream().map(WebhookDeliveryTest::json)
                .filter(event -> event.getLong("data.incident.id") == id).toList();
        assertThat(told).hasSize(2);
        assertThat(told.get(0).getString("data.incident.routing")).contains(Fixtures.NATIONAL.hub());
        assertThat(told.get(1).getString("data.incident.routing")).doesNotContain(Fixtures.NATIONAL.hub());
    }

    /**
     * No routing names a test incident's ICB, so moving its deployment to another ICB leaves the routing as it was;
     * yet the incident has a new reader and a former one, and each hears of it once, as the supplier does. A live
     * one's routing names the ICB: its re-routing is the one event.
     */
    @Test
    void aDeploymentMovedToAnotherIcbTellsBothIcbsOfAnIncidentTheRoutingNamesNeither() {
        String newIcb = Fixtures.organisation("ICB");
        Map<String, Receiver> receivers = Map.of(site.icb(), receiver(Receiver.start()), newIcb,
                receiver(Receiver.start()), site.supplier(), receiver(Receiver.start()));
        receivers.forEach((organisation, receiver) -> hook(organisation, receiver.url(), "incident.routing_changed"));
        long test = Fixtures.raise(site, "TEST", 3);
        long live = Fixtures.raise(site, "LIVE", 3);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(), newIcb,
                "BARS", "COMMISSIONER", false)).statusCode(200);
        sendDue();

        for (long id : new long[] {test, live}) {
            receivers.forEach((organisation, receiver) -> assertThat(receiver.received()).as(organisation + " " + id)
                    .map(WebhookDeliveryTest::json).filteredOn(event -> event.getLong("data.incident.id") == id)
                    .extracting(e -> e.getString("type")).as("once, the routing naming the ICB or not")
                    .containsExactly("incident.routing_changed"));
        }
    }

    @Test
    void aSecretTheServiceCannotOpenHoldsItsDeliveriesBackUntilANewSecretIsTaken() {
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "*");
        db.execute("update webhook_subscription set secret = 'v1:' || encode(decode(repeat('5a', 60), 'hex'), "
                + "'base64') where id = " + hook.id());
        Fixtures.raise(site, "LIVE", 3);
        sendDue();

        assertThat(receiver.received()).isEmpty();
        JsonPath delivery = delivery(site.supplier(), hook.id(), 0);
        assertThat(delivery.getString("status")).isEqualTo("PENDING");
        assertThat(delivery.getInt("attempts")).isOne();
        assertThat(delivery.getString("lastError")).contains("cannot open this webhook's signing secret");
        assertThat(Instant.parse(delivery.getString("nextAttemptAt"))).isAfter(start);

        String secret = given().auth().oauth2(Tokens.as("integration", site.supplier()))
                .post("/api/v1/webhooks/" + hook.id() + "/secret").then().statusCode(200).extract().path("secret");
        at(Duration.ofMinutes(1));
        sendDue();
        assertThat(receiver.received()).as("a new secret signs alone; the unreadable one is dropped").singleElement()
                .satisfies(r -> assertThat(StandardWebhooks.verifies(secret, r.id(), r.timestamp(), r.body(),
                        r.signature())).isTrue());
    }

    /** Its URL as long as one may be: the notice's subject, which names it, fits what the outbox keeps. */
    @Test
    void aSubscriptionFailingFor24HoursIsDisabledAndItsOrganisationEmailed() {
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(500)));
        String url = receiver.url() + "?token=" + "t".repeat(2000 - receiver.url().length());
        Registered hook = hook(site.supplier(), url, "*");
        long id = Fixtures.raise(site, "LIVE", 3);
        sendDue();
        failingUntil(Duration.ofHours(24).minusMinutes(10));
        String webhook = "/api/v1/webhooks/" + hook.id();
        String integration = Tokens.as("integration", site.supplier());
        given().auth().oauth2(integration).get(webhook).then().statusCode(200).body("enabled", equalTo(true))
                .body("failingSince", equalTo(start.toString()));

        at(Duration.ofHours(24));
        sendDue();
        given().auth().oauth2(integration).get(webhook).then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", org.hamcrest.Matchers.startsWith("every attempt since " + start + " failed"));
        assertThat(delivery(site.supplier(), hook.id(), 0).getString("status")).isEqualTo("FAILED");
        assertThat(db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id()
                + " and attempts > 0 and last_error like 'Not sent%'")).as("each attempted keeps its receiver's "
                + "failure").isZero();
        assertThat(db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id()
                + " and attempts > 0 and last_error like '%500%'")).as("retries given up").isPositive();
        sendEmails();
        List<MimeMessage> notices = Arrays.stream(mail.getReceivedMessages()).filter(m -> subject(m).startsWith(
                "Webhook disabled: " + receiver.url() + "?token=ttt")).toList();
        assertThat(notices).extracting(WebhookDeliveryTest::to).containsExactly(incidentMailbox(site.supplier()));
        assertThat(GreenMailUtil.getBody(notices.get(0))).contains("Your webhook was disabled")
                .contains("Open the webhook").doesNotContain("Severity:");
        assertThat(GreenMailUtil.getBody(notices.get(0)).replace("=\r\n", "")).as("in UK time, soft breaks undone")
                .contains("every attempt since " + UkTime.of(start));

        int attempts = receiver.received().size();
        long written = db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id());
        assertThat(db.count("select count(*) from webhook_delivery where status = 'PENDING' and subscription_id = "
                + hook.id())).as("every pending one given up").isZero();
        long numbered = db.count("select last_sequence from webhook_incident_sequence where incident_id = " + id);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(Map.of("body", "Any news?"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
        assertThat(db.count("select last_sequence from webhook_incident_sequence where incident_id = " + id))
                .as("no longer considered by this instance's changes: no event number taken for it")
                .isEqualTo(numbered);
        sendDue();
        assertThat(receiver.received()).as("nothing is sent to a disabled webhook").hasSize(attempts);
        assertThat(db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id()))
                .isEqualTo(written);
        given().auth().oauth2(integration).post(webhook + "/deliveries/" + delivery(site.supplier(), hook.id(), 0)
                .getLong("id") + "/redeliver").then().statusCode(409);
    }

    /**
     * A webhook hears of little, and its receiver refused an event three days ago: one more refusal now says nothing
     * of the days between, when nothing was sent to it, so it has been failing since now, not for three days.
     */
    @Test
    void aQuietWebhookIsNotDisabledByAFailureDaysAfterItsLastOne() {
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(400)));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();
        at(Duration.ofDays(3));
        Fixtures.raise(site, "LIVE", 3);
        sendDue();

        assertThat(receiver.received()).extracting(Received::answeredWith).containsExactly(400, 400);
        given().auth().oauth2(Tokens.as("integration", site.supplier())).get("/api/v1/webhooks/" + hook.id()).then()
                .statusCode(200).body("enabled", equalTo(true))
                .body("failingSince", equalTo(start.plus(Duration.ofDays(3)).toString()))
                .body("lastFailedAt", equalTo(start.plus(Duration.ofDays(3)).toString()));
    }

    /**
     * A sender records the deliveries its receiver accepted together; those before a failure in the same batch must
     * count first, or the failure would find the subscription failing for 25 hours and disable it.
     */
    @Test
    void aDeliveryAcceptedEarlierInABatchKeepsALaterFailureFromDisablingItsWebhook() {
        AtomicBoolean recovered = new AtomicBoolean();
        AtomicLong first = new AtomicLong();
        Receiver receiver = receiver(Receiver.start().answering(r -> Reply.of(recovered.get()
                && json(r).getLong("data.incident.id") == first.get() ? 200 : 500)));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        first.set(Fixtures.raise(site, "LIVE", 3));
        sendDue();
        at(Duration.ofHours(25));
        Fixtures.raise(site, "LIVE", 3);
        recovered.set(true);
        sendDue();

        assertThat(receiver.received()).extracting(Received::answeredWith).containsExactly(500, 200, 500);
        given().auth().oauth2(Tokens.as("integration", site.supplier())).get("/api/v1/webhooks/" + hook.id()).then()
                .statusCode(200).body("enabled", equalTo(true))
                .body("failingSince", equalTo(start.plus(Duration.ofHours(25)).toString()));
        assertThat(delivery(site.supplier(), hook.id(), 0).getString("status")).isEqualTo("DELIVERED");
        assertThat(delivery(site.supplier(), hook.id(), 0).getInt("attempts")).isEqualTo(2);
        assertThat(delivery(site.supplier(), hook.id(), 1).getString("status")).isEqualTo("PENDING");
    }

    /**
     * The organisation rotates the secret as the first event of a batch arrives, and takes the new one up at once, as
     * both sign during the overlap: the rest of the batch carries the new signature beside the old.
     */
    @Test
    void aSecretRotatedWhileItsBatchIsPostedSignsTheRestOfIt() {
        AtomicLong webhook = new AtomicLong();
        AtomicReference<String> rotated = new AtomicReference<>();
        Receiver receiver = receiver(Receiver.start().answering(r -> {
            if (rotated.get() == null) {
                rotated.set(given().auth().oauth2(Tokens.as("integration", site.supplier()))
                        .post("/api/v1/webhooks/" + webhook.get() + "/secret").then().statusCode(200).extract()
                        .jsonPath().getString("secret"));
            }
            return Reply.of(200);
        }));
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        webhook.set(hook.id());
        for (int i = 0; i < 3; i++) {
            Fixtures.raise(site, "LIVE", 3);
        }
        sendDue();

        List<Received> received = receiver.received();
        assertThat(received).hasSize(3);
        assertThat(received.subList(1, 3)).allSatisfy(after -> {
            assertThat(StandardWebhooks.verifies(rotated.get(), after.id(), after.timestamp(), after.body(),
                    after.signature())).as("signed with the new secret").isTrue();
            assertThat(StandardWebhooks.verifies(hook.secret(), after.id(), after.timestamp(), after.body(),
                    after.signature())).as("and with the old, during the overlap").isTrue();
        });
    }

    /** Two rotations at once, held until both wait: each is shown a secret that then signs. */
    @Test
    void twoRotationsAtOnceLeaveBothSecretsTheyShowedSigning() throws Exception {
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        String integration = Tokens.as("integration", site.supplier());
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<Future<String>> rotations = new ArrayList<>();
        try (Connection holding = dataSource.getConnection(); Statement statement = holding.createStatement()) {
            holding.setAutoCommit(false);
            statement.execute("select 1 from webhook_subscription where id = " + hook.id() + " for update");
            for (int i = 0; i < 2; i++) {
                rotations.add(callers.submit(() -> given().auth().oauth2(integration)
                        .post("/api/v1/webhooks/" + hook.id() + "/secret").then().statusCode(200).extract()
                        .jsonPath().getString("secret")));
            }
            Eventually.within(Duration.ofSeconds(10), "both rotations waiting on the row", () -> db.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and datname = current_database()") >= 2);
            holding.commit();
        }
        List<String> shown = new ArrayList<>();
        for (Future<String> rotation : rotations) {
            shown.add(rotation.get(10, TimeUnit.SECONDS));
        }
        callers.shutdown();
        Fixtures.raise(site, "LIVE", 3);
        sendDue();

        Received received = receiver.received().get(0);
        assertThat(shown).allSatisfy(secret -> assertThat(StandardWebhooks.verifies(secret, received.id(),
                received.timestamp(), received.body(), received.signature())).as("signs with %s", secret).isTrue());
    }

    @Test
    void aRotatedOutSecretSignsBesideTheNewOneUntilItsOverlapEnds() {
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "*");
        String rotated = given().auth().oauth2(Tokens.as("integration", site.supplier()))
                .post("/api/v1/webhooks/" + hook.id() + "/secret").then().statusCode(200)
                .body("previousSecretExpiresAt", equalTo(start.plus(Duration.ofHours(24)).toString()))
                .extract().jsonPath().getString("secret");
        long id = Fixtures.raise(site, "LIVE", 3);
        sendDue();
        Received during = receiver.received().get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(StandardWebhooks.verifies(rotated, during.id(), during.timestamp(), during.body(),
                during.signature())).isTrue();
        assertThat(StandardWebhooks.verifies(hook.secret(), during.id(), during.timestamp(), during.body(),
                during.signature())).isTrue();

        at(Duration.ofHours(24).plusSeconds(1));
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        sendDue();
        Received after = receiver.received().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(StandardWebhooks.verifies(rotated, after.id(), after.timestamp(), after.body(), after.signature()))
                .isTrue();
        assertThat(StandardWebhooks.verifies(hook.secret(), after.id(), after.timestamp(), after.body(),
                after.signature())).isFalse();
    }

    @Test
    void aRedeliveryIsTheSameEventUnderTheSameIdAndBody() {
        Receiver receiver = receiver(Receiver.start());
        Registered hook = hook(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 3);
        sendDue();
        long delivery = delivery(site.supplier(), hook.id(), 0).getLong("id");
        given().auth().oauth2(Tokens.as("integration", site.supplier()))
                .post("/api/v1/webhooks/" + hook.id() + "/deliveries/" + delivery + "/redeliver").then()
                .statusCode(202).body("status", equalTo("PENDING"));
        at(Duration.ofMinutes(1));
        sendDue();

        List<Received> received = receiver.received();
        assertThat(received).hasSize(2).extracting(Received::id).containsOnly(String.valueOf(delivery));
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(received.get(1).timestamp()).isEqualTo(String.valueOf(start.plusSeconds(60).getEpochSecond()));
    }

    @Test
    void aMajorIncidentsLinkUpdateAndResolutionReachTheSuppliersWebhookAsEventsOfItsIncident() {
        Receiver receiver = receiver(Receiver.start());
        hook(site.supplier(), receiver.url(), "incident.major_incident_linked", "incident.major_incident_updated",
                "incident.status_changed");
        long incident = Fixtures.raise(site, "LIVE", 3);
        String majorIncidents = "/api/v1/major-incidents/" + given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON).body(Map.of("title", "Proxy down", "summary", "Referrals fail"))
                .post("/api/v1/major-incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        String majorReference = given().auth().oauth2(Tokens.admin()).get(majorIncidents).then().statusCode(200)
                .extract().jsonPath().getString("reference");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("incidentId", incident))
                .post(majorIncidents + "/incidents").then().statusCode(201);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("body", "Patch being rolled out to every proxy")).post(majorIncidents + "/updates")
                .then().statusCode(201);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "FIXED", "summary", "Proxy patched"))
                .post(majorIncidents + "/resolution").then().statusCode(200);
        sendDue();

        assertThat(receiver.received()).extracting(r -> json(r).getString("type")).containsExactly(
                "incident.major_incident_linked", "incident.major_incident_updated", "incident.status_changed");
        assertThat(receiver.received()).allSatisfy(r -> {
            assertThat(json(r).getLong("data.incident.id")).isEqualTo(incident);
            assertThat(r.body()).doesNotContain("Patch being rolled out", "Proxy patched", "Proxy down");
        });
        assertThat(json(receiver.received().get(0)).getString("data.change.to")).isEqualTo(majorReference);
        assertThat(json(receiver.received().get(2)).getString("data.incident.status")).isEqualTo("RESOLVED");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
