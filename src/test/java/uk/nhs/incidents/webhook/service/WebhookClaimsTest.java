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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.Receiver;
import uk.nhs.incidents.support.Receiver.Received;
import uk.nhs.incidents.support.Receiver.Reply;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.TestDatabase;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Claim;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Delivered;

/**
 * What a webhook dispatcher claims and what it gives back. The claim reads each subscription's queue only as far as
 * the deliveries it takes: one another dispatcher holds is skipped, and the later events of its incident wait behind
 * it. An instance stopping while a sender is mid-batch records the deliveries its receiver accepted and hands back
 * the rest: none is posted twice, and none waits out its claim (a second dispatcher, built like the service's, is
 * stopped here; the service's own finishes the work, as another instance would).
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class WebhookClaimsTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    Clock serviceClock;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    DeliveryOutcomes outcomes;

    @Inject
    WebhookSender sender;

    @Inject
    SigningSecrets secrets;

    @Inject
    WebhookConfig config;

    @Inject
    Listeners listeners;

    @Inject
    WebhookDispatcher running;

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
    }

    @AfterEach
    void cleanUp() {
        if (receiver != null) {
            receiver.close();
        }
        if (hook != null) {
            given().auth().oauth2(Tokens.admin()).delete("/api/v1/webhooks/" + hook.id());
        }
    }

    @Test
    void aSenderStoppedMidBatchRecordsWhatWasAcceptedAndHandsBackTheRestToBePostedOnce() throws InterruptedException {
        JobGates gates = new JobGates();
        Thread stopper = new Thread(() -> gates.stop(null));
        AtomicInteger answered = new AtomicInteger();
        receiver = Receiver.start().answering(request -> {
            if (answered.incrementAndGet() == 2) {
                stopper.start();
                // The stop has begun once the stopping thread waits for the sender.
                Eventually.within(Duration.ofSeconds(10), "the stop begun",
                        () -> stopper.getState() == Thread.State.TIMED_WAITING);
            }
            return Reply.of(200);
        });
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        for (int i = 0; i < 5; i++) {
            Fixtures.raise(site, "LIVE", 4);
        }
        WebhookDispatcher stopping = new WebhookDispatcher(deliveries, outcomes, sender, secrets, config, serviceClock,
                gates, listeners);
        try {
            stopping.dispatch().join();
            stopper.join(Duration.ofSeconds(10).toMillis());

            assertThat(stopper.getState()).as("the stop began mid-batch, waited for it, and ended")
                    .isEqualTo(Thread.State.TERMINATED);
            assertThat(receiver.received()).hasSize(2);
            assertThat(count("status = 'DELIVERED' and delivered_at is not null"))
                    .as("what the receiver accepted is recorded").isEqualTo(2);
            assertThat(count("status = 'PENDING' and attempts = 0 and next_attempt_at <= timestamptz '" + start + "'"))
                    .as("the rest is due again now, not when the claim lapses").isEqualTo(3);
            stopping.dispatch().join();
            assertThat(receiver.received()).as("a stopped dispatcher claims and posts nothing more").hasSize(2);
        } finally {
            stopping.stop();
        }

        for (int run = 0; run < 3; run++) {
            running.dispatch().join();
        }
        List<String> ids = receiver.received().stream().map(Received::id).toList();
        assertThat(ids).as("the rest posted by the running dispatcher, none twice").hasSize(5).doesNotHaveDuplicates();
        assertThat(count("status = 'DELIVERED'")).isEqualTo(5);
    }

    @Test
    void aReleaseLeavesADeliveryAnotherDispatcherHasClaimedSince() {
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        Fixtures.raise(site, "LIVE", 4);
        Instant theirLeaseEnd = start.plus(Duration.ofMinutes(20));
        db.execute("update webhook_delivery set next_attempt_at = timestamptz '" + theirLeaseEnd
                + "' where subscription_id = " + hook.id());
        long delivery = db.count("select id from webhook_delivery where subscription_id = " + hook.id());

        QuarkusTransaction.requiringNew().run(() -> outcomes.release(hook.id(), List.of(delivery),
                start.plus(Duration.ofMinutes(10)), start));

        assertThat(count("next_attempt_at = timestamptz '" + theirLeaseEnd + "'")).as("the later claim holds it still")
                .isOne();
    }

    /**
     * A sender held up past its claim's lease records what it saw only on deliveries its claim still holds: not on
     * one a later claim holds, whose lease it would move (posting the event again meanwhile) or whose delivery it
     * would give up.
     */
    @Test
    void outcomesRecordedAfterTheClaimLapsedLeaveTheLaterClaimsDeliveryAsItIs() {
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        long delivery = raised();
        Instant theirLeaseEnd = start.plus(Duration.ofMinutes(20));
        Instant ourLeaseEnd = start.plus(Duration.ofMinutes(10));
        db.execute("update webhook_delivery set next_attempt_at = timestamptz '" + theirLeaseEnd + "' where id = "
                + delivery);

        QuarkusTransaction.requiringNew().run(() -> {
            deliveries.markRetry(delivery, start, 503, "late", start, ourLeaseEnd);
            deliveries.markFailed(delivery, start, 410, "late", ourLeaseEnd);
            deliveries.markDelivered(List.of(new Delivered(delivery, start, 200)), ourLeaseEnd);
        });
        assertThat(count("status = 'PENDING' and attempts = 0 and next_attempt_at = timestamptz '" + theirLeaseEnd
                + "'")).as("the later claim holds it still").isOne();

        Claim ours = new Claim(delivery, hook.id(), site.supplier(), receiver.url(), null, null, null, "{}", 0, false);
        assertThat(QuarkusTransaction.requiringNew().call(() -> outcomes.failed(ours,
                Attempt.unanswered("late"), start, ourLeaseEnd))).as("no retry of its own").isEmpty();
        assertThat(db.count("select count(*) from webhook_subscription where failing_since is null and id = "
                + hook.id())).as("nothing counted against the subscription").isOne();

        QuarkusTransaction.requiringNew().run(() -> deliveries.markDelivered(
                List.of(new Delivered(delivery, start, 200)), theirLeaseEnd));
        QuarkusTransaction.requiringNew().run(() -> deliveries.markFailed(delivery, start, 410, "late", ourLeaseEnd));
        assertThat(count("status = 'DELIVERED'")).as("what the later claim delivered stays delivered").isOne();
    }

    /**
     * A batch that comes near the end of its claim's lease (a receiver slower than the lease allows for a batch)
     * posts nothing that could still be under way, or unrecorded, when the lease runs out: another dispatcher may
     * claim it then and post it too. It hands the rest back instead, due at once.
     */
    @Test
    void aSenderNearTheEndOfItsLeasePostsNoMoreAndHandsTheRestBack() {
        Instant nearTheEnd = start.plus(config.claimLease()).minus(config.readTimeout());
        receiver = Receiver.start().answering(request -> {
            clock.pin(nearTheEnd);
            return Reply.of(200);
        });
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        for (int i = 0; i < 3; i++) {
            Fixtures.raise(site, "LIVE", 4);
        }
        WebhookDispatcher slow = new WebhookDispatcher(deliveries, outcomes, sender, secrets, config, serviceClock,
                new JobGates(), listeners);
        try {
            slow.dispatch().join();
        } finally {
            slow.stop();
        }

        assertThat(receiver.received()).as("the one posted in good time").hasSize(1);
        assertThat(count("status = 'DELIVERED'")).isOne();
        assertThat(count("status = 'PENDING' and attempts = 0 and next_attempt_at = timestamptz '" + nearTheEnd + "'"))
                .as("handed back, due again now rather than when another claim lapses").isEqualTo(2);
    }

    /**
     * A webhook removed while its sender records what a receiver answered: each record (accepted, failed, handed
     * back) waits for the removal, which took the deliveries with it, and ends without an error. Taking the
     * deliveries first, then the subscription's row the removal holds, deadlocked with it, and PostgreSQL ended one of
     * the two.
     */
    @Test
    void outcomesRecordedWhileTheWebhookIsRemovedWaitForTheRemovalInsteadOfDeadlocking() throws Exception {
        receiver = Receiver.start();
        Instant leaseEnd = start.plus(Duration.ofMinutes(10));
        List<java.util.function.BiConsumer<Long, Long>> records = List.of(
                (subscription, delivery) -> outcomes.delivered(subscription,
                        List.of(new Delivered(delivery, start, 200)), start, leaseEnd),
                (subscription, delivery) -> outcomes.failed(new Claim(delivery, subscription, site.supplier(),
                        receiver.url(), null, null, null, "{}", 0, false), Attempt.answered(503, Optional.empty()),
                        start, leaseEnd),
                (subscription, delivery) -> outcomes.release(subscription, List.of(delivery), leaseEnd, start));
        for (java.util.function.BiConsumer<Long, Long> record : records) {
            hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
            long delivery = raised();
            db.execute("update webhook_delivery set next_attempt_at = timestamptz '" + leaseEnd + "' where id = "
                    + delivery);
            long subscription = hook.id();
            removedWhileRecording(subscription, () -> QuarkusTransaction.requiringNew()
                    .run(() -> record.accept(subscription, delivery)));
            assertThat(db.count("select count(*) from webhook_delivery where id = " + delivery)).isZero();
            hook = null;
        }
    }

    /** Holds the subscription's row as a removal takes it first, records meanwhile, then completes the removal. */
    private void removedWhileRecording(long subscription, Runnable recording) throws Exception {
        try (Connection removing = DriverManager.getConnection("jdbc:postgresql://localhost:5432/"
                + TestDatabase.name(), TestDatabase.ROLE, TestDatabase.PASSWORD);
                Statement statement = removing.createStatement()) {
            removing.setAutoCommit(false);
            long pid;
            try (var result = statement.executeQuery("select pg_backend_pid()")) {
                result.next();
                pid = result.getLong(1);
            }
            statement.execute("select id from webhook_subscription where id = " + subscription + " for update");
            CompletableFuture<Void> recorded = CompletableFuture.runAsync(recording);
            Eventually.within(Duration.ofSeconds(20), "the record waits on the removal", () -> recorded.isDone()
                    || db.count("select count(*) from pg_stat_activity where " + pid
                            + " = any(pg_blocking_pids(pid))") > 0);
            statement.executeUpdate("delete from webhook_subscription where id = " + subscription);
            removing.commit();
            recorded.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeliveryHeldElsewhereIsSkippedWithTheLaterEventsOfItsIncidentAndOtherIncidentsAreTaken()
            throws SQLException {
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        long held = raised();
        long other = raised();
        laterEventOf(held);

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
        assertThat(claim()).as("the later event waits for the held one, claimed and not yet sent").isEmpty();
    }

    /**
     * A change that wrote a delivery as its webhook was being disabled committed after the disabling gave up the
     * webhook's pending ones (an insert checks the webhook without waiting for a disabling under way): its delivery,
     * which nothing will send, is given up by the next look, as the others were; a later event it holds back is too.
     */
    @Test
    void aDeliveryWrittenAsItsWebhookWasBeingDisabledIsGivenUpByTheNextLook() {
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        long straggler = raised();
        laterEventOf(straggler);
        db.execute("update webhook_subscription set disabled_at = '" + start + "', disabled_reason = 'failing'"
                + " where id = " + hook.id());

        running.giveUpStragglers();

        assertThat(count("status = 'PENDING'")).isZero();
        assertThat(count("status = 'FAILED' and last_error = 'Not sent: the subscription was disabled'"))
                .isEqualTo(2);
        assertThat(receiver.received()).isEmpty();
    }

    /**
     * A sender's own next claim takes its webhook's deliveries only, and each claim says whether a later event of its
     * incident waits behind it for the same webhook: another webhook's later event is not one.
     */
    @Test
    void aSendersOwnClaimTakesItsWebhookOnlyAndSaysWhetherALaterEventWaitsForIt() {
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        Webhooks.Registered other = Webhooks.register(site.supplier(), receiver.url(), "incident.raised");
        try {
            long delivery = raised();
            long others = db.count("select id from webhook_delivery where subscription_id = " + other.id());
            laterEventOf(others);

            List<Claim> ours = QuarkusTransaction.requiringNew().call(() -> deliveries.claimDueFor(hook.id(), start,
                    start.plus(Duration.ofMinutes(10)), 20));
            assertThat(ours).extracting(Claim::id, Claim::followed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(delivery, false));
            List<Claim> theirs = QuarkusTransaction.requiringNew().call(() -> deliveries.claimDueFor(other.id(),
                    start, start.plus(Duration.ofMinutes(10)), 20));
            assertThat(theirs).extracting(Claim::id, Claim::followed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(others, true));
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/v1/webhooks/" + other.id());
        }
    }

    /**
     * A sender goes on claiming for its webhook only while another sender of its instance is idle: with none (one
     * sender here), the rest of a burst waits for the next run, where the webhooks that waited longest come first.
     */
    @Test
    void aSenderWithNoIdleSenderBesideItLeavesTheRestOfABurstToTheNextRun() {
        receiver = Receiver.start();
        hook = Webhooks.register(site.supplier(), receiver.url(), "*");
        long incident = Fixtures.raise(site, "LIVE", 4);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Tokens.as("supplier", site.supplier())).contentType("application/json")
                    .body(java.util.Map.of("body", "Update " + i)).post("/api/v1/incidents/" + incident + "/comments")
                    .then().statusCode(201);
        }
        WebhookConfig oneSender = (WebhookConfig) java.lang.reflect.Proxy.newProxyInstance(
                WebhookConfig.class.getClassLoader(), new Class<?>[] {WebhookConfig.class},
                (proxy, method, args) -> "concurrency".equals(method.getName()) ? 1 : method.invoke(config, args));
        WebhookDispatcher alone = new WebhookDispatcher(deliveries, outcomes, sender, secrets, oneSender,
                serviceClock, new JobGates(), listeners);
        try {
            alone.dispatch().join();
            assertThat(receiver.received()).as("one batch: the incident's first event").hasSize(1);
            alone.dispatch().join();
            alone.dispatch().join();
        } finally {
            alone.stop();
        }
        assertThat(receiver.received()).as("the rest, a run each").hasSize(3);
    }

    /** Raises an incident; returns the id of its delivery. */
    private long raised() {
        long incident = Fixtures.raise(site, "LIVE", 4);
        return db.count("select id from webhook_delivery where subscription_id = " + hook.id()
                + " and incident_id = " + incident);
    }

    /** Writes a second, later event of the delivery's incident, due now. */
    private void laterEventOf(long delivery) {
        db.execute("""
                insert into webhook_delivery (id, subscription_id, incident_id, history_id, event, sequence, payload,
                        status, attempts, next_attempt_at, created_at)
                select nextval('webhook_delivery_seq'), d.subscription_id, d.incident_id, h.id, d.event,
                        d.sequence + 1, d.payload, 'PENDING', 0, d.next_attempt_at, d.created_at
                from webhook_delivery d join incident_history h on h.incident_id = d.incident_id
                    and h.id <> d.history_id
                where d.id = %d
                order by h.id limit 1""".formatted(delivery));
    }

    private List<Long> claim() {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.claimDue(start,
                start.plus(Duration.ofMinutes(10)), Set.of(), 8, 20)).stream().map(Claim::id).toList();
    }

    private long count(String condition) {
        return db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id() + " and "
                + condition);
    }
}
