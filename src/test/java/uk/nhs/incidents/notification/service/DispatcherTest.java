package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.mail.MailMessage;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.jobs.Batches;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.data.NotificationRepository.Sent;
import uk.nhs.incidents.notification.domain.MailThread;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.OutboxRows;

/**
 * Dispatchers built like the service's, beside it, so that the service's own keeps running for the other tests: one
 * whose batch is under way together, and one whose instance stops mid-batch (a deployment, a scale-down), which
 * records the emails the mail server took and hands the rest back, so that none is sent twice and none waits out
 * its claim. The notifications are due 3 s ahead and these dispatchers run 5 s ahead: a run of the service's
 * dispatcher still under way as it was paused cannot take them.
 */
@QuarkusTest
class DispatcherTest {

    private static final Duration AHEAD = Duration.ofSeconds(5);
    /** How long a held-up email waits for the email that releases it: long past what a run would wait for it. */
    private static final long HELD_UP_MILLIS = 10_000;

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    @Inject
    NotificationRepository notifications;

    @Inject
    OrganisationRepository organisations;

    @Inject
    MessageComposer composer;

    @Inject
    MailThread thread;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    MailSender mailSender;

    @Inject
    ManagedExecutor workers;

    @Test
    void aDispatcherStoppedMidBatchRecordsWhatItSentAndHandsBackTheRestToBeSentOnce() throws InterruptedException {
        OwnEmails own = new OwnEmails("stop", 5);
        String domain = own.domain;
        try (own) {
            StoppedAfter stoppedAfterTwo = new StoppedAfter(2, domain);
            stoppedAfterTwo.dispatcher.run();
            stoppedAfterTwo.stopper.join(Duration.ofSeconds(10).toMillis());

            assertThat(stoppedAfterTwo.stopper.getState()).as("the stop began mid-batch, waited for it, and ended")
                    .isEqualTo(Thread.State.TERMINATED);
            assertThat(receivedAt(domain)).hasSize(2);
            assertThat(db.count("select count(*) from notification where status = 'SENT' and sent_at is not null"
                    + " and recipient_email like '%" + domain + "'")).as("what the mail server took is recorded")
                    .isEqualTo(2);
            assertThat(db.count("select count(*) from notification where status = 'PENDING'"
                    + " and next_attempt_at <= now() + interval '" + AHEAD.toSeconds() + " seconds'"
                    + " and recipient_email like '%" + domain + "'"))
                    .as("the rest is due again now, not when the claim lapses").isEqualTo(3);
            stoppedAfterTwo.dispatcher.run();
            assertThat(receivedAt(domain)).as("a stopped dispatcher sends nothing more").hasSize(2);
        }
        Eventually.within(Duration.ofSeconds(20), "the rest sent by the running dispatcher",
                () -> receivedAt(domain).size() >= 5);
        assertThat(receivedAt(domain)).hasSize(5).doesNotHaveDuplicates();
    }

    /**
     * The database refuses to record an email the mail server took (here a trigger refuses it, as a database that
     * stopped answering would), then answers again: the service's dispatcher records it on a later run, long before
     * its claim (10 minutes) lapses, and the mail server gets it once. Before, it waited out the claim and went again.
     */
    @Test
    void anEmailSentWhileItsRecordFailedIsRecordedOnceTheDatabaseAnswersAndNotSentAgain() {
        long id = raisedWithItsEmailsSent();
        String domain = "@unrecorded" + id + ".example";
        db.execute("create function refuse_recording() returns trigger language plpgsql as $$ begin"
                + " raise exception 'the database is not answering'; end $$");
        db.execute("create trigger refuse_recording before update on notification for each row"
                + " when (new.status = 'SENT' and new.recipient_email like '%" + domain + "')"
                + " execute function refuse_recording()");
        try (CapturedLog log = CapturedLog.of(Dispatcher.class)) {
            long row = OutboxRows.insert(db, id, 1, domain, "Unrecorded", "now()");
            Eventually.within(Duration.ofSeconds(20), "the email sent", () -> receivedAt(domain).size() == 1);
            Eventually.within(Duration.ofSeconds(10), "its record refused", () -> !log.mentioning(
                    "Recording what the mail server said failed").isEmpty());
            assertThat(db.count("select count(*) from notification where status = 'PENDING' and next_attempt_at"
                    + " > now() + interval '5 minutes' and id = " + row)).as("the claim holding it").isOne();
        } finally {
            db.execute("drop trigger refuse_recording on notification");
            db.execute("drop function refuse_recording()");
        }
        Eventually.within(Duration.ofSeconds(20), "recorded as sent", () -> db.count("select count(*) from"
                + " notification where status = 'SENT' and recipient_email like '%" + domain + "'") == 1);
        assertThat(receivedAt(domain)).as("sent once").hasSize(1);
    }

    @Test
    void aReleaseLeavesANotificationAnotherDispatcherHasClaimedSince() {
        long id = raisedWithItsEmailsSent();
        long row = OutboxRows.insert(db, id, 1, "@reclaimed" + id + ".example", "Reclaimed",
                "timestamptz '2030-01-01 10:00:00+00'");
        Instant ourLeaseEnd = Instant.parse("2030-01-01T09:50:00Z");

        QuarkusTransaction.requiringNew().run(() -> notifications.release(List.of(row), ourLeaseEnd,
                Instant.parse("2029-12-31T00:00:00Z")));

        assertThat(db.count("select count(*) from notification where id = " + row
                + " and next_attempt_at = timestamptz '2030-01-01 10:00:00+00'"))
                .as("the later claim holds it still").isEqualTo(1);
        db.execute("delete from notification where id = " + row);
    }

    /**
     * A dispatcher held up past its claim's lease (a database that stopped answering, a relay slower than the lease
     * allows) records what it saw only on rows its claim still holds: not on one a later claim holds, whose lease it
     * would move (sending it again meanwhile) or whose send it would turn into a failure.
     */
    @Test
    void outcomesRecordedAfterTheClaimLapsedLeaveTheLaterClaimsRowAsItIs() {
        long id = raisedWithItsEmailsSent();
        long row = OutboxRows.insert(db, id, 1, "@lapsed" + id + ".example", "Lapsed",
                "timestamptz '2030-01-01 10:00:00+00'");
        Instant laterLeaseEnd = Instant.parse("2030-01-01T10:00:00Z");
        Instant ourLeaseEnd = Instant.parse("2030-01-01T09:50:00Z");
        String heldByTheLaterClaim = "select count(*) from notification where id = " + row
                + " and status = 'PENDING' and attempts = 0 and next_attempt_at = timestamptz '2030-01-01 10:00:00+00'";

        QuarkusTransaction.requiringNew().run(() -> {
            notifications.markRetry(row, "late", Instant.parse("2029-12-31T00:00:00Z"), ourLeaseEnd);
            notifications.markFailed(row, "late", ourLeaseEnd);
            notifications.markSent(List.of(new Sent(row, ourLeaseEnd)), ourLeaseEnd);
        });
        assertThat(db.count(heldByTheLaterClaim)).as("the later claim holds it still").isOne();

        QuarkusTransaction.requiringNew().run(() -> notifications.markSent(List.of(new Sent(row, laterLeaseEnd)),
                laterLeaseEnd));
        QuarkusTransaction.requiringNew().run(() -> notifications.markFailed(row, "late", ourLeaseEnd));
        assertThat(db.count("select count(*) from notification where id = " + row + " and status = 'SENT'"))
                .as("what the later claim sent stays sent").isOne();
        db.execute("delete from notification where id = " + row);
    }

    /**
     * A batch that comes near the end of its claim's lease (a relay slower than the lease allows for a batch) starts
     * no email that could still be under way, or unrecorded, when the lease runs out: another dispatcher may claim it
     * then and send it too. It hands the rest back instead, due at once.
     */
    /**
     * The mail client cannot end a conversation it has given up waiting on: a relay slow to answer may take the email
     * after all. Taken before its retry is claimed, it is recorded as sent, with the one attempt, and not sent again.
     */
    @Test
    void anEmailTheServerTakesAfterItsSendTimedOutIsRecordedSentAndNotSentAgain() {
        try (OwnEmails own = new OwnEmails("late", 1)) {
            CompletableFuture<Void> conversation = new CompletableFuture<>();
            MailSender takesItLate = new MailSender(mailSender) {
                @Override
                CompletableFuture<Void> send(MailMessage email) {
                    return email.getTo().get(0).endsWith(own.domain)
                            ? CompletableFuture.failedFuture(new GivenUp(config.sendTimeout(), conversation))
                            : super.send(email);
                }
            };
            aheadSendingThrough(takesItLate, config, new JobGates()).dispatchBatch();
            String row = "select count(*) from notification where id = " + own.first;
            assertThat(db.count(row + " and status = 'PENDING' and attempts = 1")).as("to be retried").isOne();

            conversation.complete(null);

            Eventually.within(Duration.ofSeconds(10), "recorded as sent", () ->
                    db.count(row + " and status = 'SENT' and attempts = 1 and last_error is null") == 1);
        }
    }

    @Test
    void aBatchNearTheEndOfItsLeaseStartsNoMoreEmailsAndHandsTheRestBack() {
        try (OwnEmails own = new OwnEmails("lapse", 3)) {
            MovedOn clockOfOurs = new MovedOn();
            Duration lease = Duration.ofMinutes(1);
            assertThat(config.sendTimeout().plus(config.recordEvery())).as("more than half the lease")
                    .isGreaterThan(lease.dividedBy(2));
            MailSender slowerThanTheLease = new MailSender(mailSender) {
                @Override
                CompletableFuture<Void> send(MailMessage mail) {
                    clockOfOurs.by = AHEAD.plus(lease.dividedBy(2));
                    return super.send(mail);
                }
            };
            Dispatcher dispatcher = new Dispatcher(notifications, organisations, composer, thread,
                    slowerThanTheLease, with(Map.of("claimLease", lease, "concurrency", 1)), clockOfOurs, registry,
                    new JobGates(), workers);

            dispatcher.dispatchBatch();

            assertThat(receivedAt(own.domain)).as("the one started in good time").hasSize(1);
            assertThat(db.count("select count(*) from notification where status = 'SENT'"
                    + " and recipient_email like '%" + own.domain + "'")).isOne();
            // The lease ends about 65 s from now (5 s ahead, 60 s long); handed back, they are due about 35 s from now.
            assertThat(db.count("select count(*) from notification where status = 'PENDING' and attempts = 0"
                    + " and next_attempt_at < now() + interval '50 seconds' and recipient_email like '%" + own.domain
                    + "'")).as("handed back, due again now rather than when the lease ends").isEqualTo(2);
        }
    }

    /**
     * A claim reads the queue from where the claims before left no due email, not past the head's sent ones again: an
     * email written due long before that (by a change that committed long after it began) waits for the next claim
     * that reads from the head, a full-claim interval after the last, which sends it.
     */
    @Test
    void anEmailCommittedLongAfterItFellDueIsSentByTheNextClaimReadingFromTheHead() {
        try (OwnEmails own = new OwnEmails("floor", 1)) {
            assertThat(config.fullClaimEvery()).as("longer than this test takes").isGreaterThan(Duration.ofSeconds(30));
            MovedOn clockOfOurs = new MovedOn();
            Dispatcher dispatcher = new Dispatcher(notifications, organisations, composer, thread,
                    new MailSender(mailSender), config, clockOfOurs, registry,
                    new JobGates(), workers);
            Batches.untilShort(dispatcher::dispatchBatch, config.batchSize());
            assertThat(receivedAt(own.domain)).as("its first claim reads from the head").hasSize(1);

            String late = "@late" + own.first + ".example";
            long row = OutboxRows.insert(db, own.incident, 1, late, "Late", "now() - interval '5 minutes'");
            clockOfOurs.by = clockOfOurs.by.plusSeconds(1);
            dispatcher.dispatchBatch();
            assertThat(db.count("select count(*) from notification where id = " + row
                    + " and status = 'PENDING' and attempts = 0")).as("due before where the last claim left off")
                    .isOne();

            clockOfOurs.by = clockOfOurs.by.plus(config.fullClaimEvery());
            dispatcher.dispatchBatch();
            assertThat(receivedAt(late)).as("read from the head again").hasSize(1);
            assertThat(db.count("select count(*) from notification where id = " + row + " and status = 'SENT'"))
                    .isOne();
        }
    }

    /**
     * A run goes on while its claims come back full, counting an email failed at once for want of a mailbox among
     * those it took: the emails due after it are sent in the same run.
     */
    @Test
    void aRunGoesOnPastAFullClaimThatHeldAnEmailWithNoMailbox() {
        try (OwnEmails own = new OwnEmails("unaddressed", 3)) {
            db.execute("insert into notification (id, incident_id, history_id, event, recipient_ods, subject, body_text,"
                    + " body_html, status, attempts, next_attempt_at, created_at) select nextval('notification_seq')"
                    + " * 1000, " + own.incident + ", min(id), 'LOAD', 'ZZ" + own.incident % 1000 + "', 'No mailbox',"
                    + " 'text', '<p>html</p>', 'PENDING', 0, now() + interval '2 seconds', now() from incident_history"
                    + " where incident_id = " + own.incident);

            aheadSendingThrough(new MailSender(mailSender), with(Map.of("batchSize", 2)),
                    new JobGates()).run();

            assertThat(receivedAt(own.domain)).as("all three, after the claim that held the unaddressed one")
                    .hasSize(3);
            assertThat(db.count("select count(*) from notification where incident_id = " + own.incident
                    + " and subject = 'No mailbox' and status = 'FAILED' and last_error like 'No mailbox registered%'"))
                    .isOne();
        }
    }

    /** The service's clock, {@link #AHEAD} and as far further as the test moves it on. */
    private final class MovedOn extends Clock {

        volatile Duration by = AHEAD;

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(clock.withZone(zone), by);
        }

        @Override
        public Instant instant() {
            return clock.instant().plus(by);
        }
    }

    /**
     * A dispatcher like the service's, whose service starts stopping as its {@code count}th email is under way: the
     * emails started by then are sent, the rest handed back.
     */
    private final class StoppedAfter {

        final Dispatcher dispatcher;
        final Thread stopper;

        StoppedAfter(int count, String domain) {
            AtomicInteger sent = new AtomicInteger();
            MailSender sender = new MailSender(mailSender) {
                @Override
                CompletableFuture<Void> send(MailMessage email) {
                    CompletableFuture<Void> sending = super.send(email);
                    if (email.getTo().get(0).endsWith(domain) && sent.incrementAndGet() == count) {
                        stopper.start();
                        // The stop has begun once the stopping thread waits for the batch to end.
                        Eventually.within(Duration.ofSeconds(10), "the stop begun",
                                () -> stopper.getState() == Thread.State.TIMED_WAITING);
                    }
                    return sending;
                }
            };
            JobGates gates = new JobGates();
            dispatcher = aheadSendingThrough(sender, config, gates);
            stopper = new Thread(() -> gates.stop(null));
        }
    }

    @Test
    void aBatchHasItsEmailsUnderWayTogetherUpToItsConcurrencyRatherThanEachWaitedOutBeforeTheNext() {
        try (OwnEmails own = new OwnEmails("together", 5)) {
            String domain = own.domain;
            CountDownLatch twoUnderWay = new CountDownLatch(2);
            AtomicInteger underWay = new AtomicInteger();
            AtomicInteger mostUnderWay = new AtomicInteger();
            MailSender answersOnceTwoAreUnderWay = new MailSender(mailSender) {
                @Override
                CompletableFuture<Void> send(MailMessage email) {
                    mostUnderWay.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                    twoUnderWay.countDown();
                    // Sent one by one, the first would wait here for a second in vain, and fail after 10 s.
                    return CompletableFuture.runAsync(() -> awaitAll(twoUnderWay))
                            .thenCompose(ignored -> super.send(email))
                            .whenComplete((taken, failure) -> underWay.decrementAndGet());
                }
            };

            aheadSendingThrough(answersOnceTwoAreUnderWay, with(Map.of("concurrency", 2)), new JobGates())
                    .dispatchBatch();

            assertThat(receivedAt(domain)).hasSize(5);
            assertThat(mostUnderWay).as("never more under way than its concurrency").hasValue(2);
            assertThat(db.count("select count(*) from notification where status = 'SENT'"
                    + " and recipient_email like '%" + domain + "'")).isEqualTo(5);
        }
    }

    @Test
    void aScheduledRunThatKeepsUpSendsOneEmailAtATime() {
        assertThat(aRun("paced", Duration.ofHours(1), 2, 50).mostUnderWay())
                .as("a run that keeps up has one email under way at a time").isEqualTo(1);
    }

    @Test
    void aScheduledRunThatHasLastedItsWhileSendsUpToItsConcurrencyBesideAnEmailTheServerHoldsUp() {
        // A second, so that the run is still unhurried when it starts its second email, however slow the claim.
        RunSeen run = aRun("hurried", Duration.ofSeconds(1), 2, HELD_UP_MILLIS);

        assertThat(run.releaserBesideFirst())
                .as("the second email starts once the run is behind, not when the held-up first is answered")
                .isTrue();
        assertThat(run.mostUnderWay()).as("once behind, the run has its concurrency under way").isEqualTo(2);
    }

    @Test
    void anEmailTheServerHoldsUpKeepsOnlyItsOwnPlaceWhileTheOthersAreSentPastIt() {
        RunSeen run = aRun("passing", Duration.ZERO, 4, HELD_UP_MILLIS);

        assertThat(run.releaserBesideFirst())
                .as("the second and third answered, the fourth starts while the first is still held up").isTrue();
        assertThat(run.mostUnderWay()).isEqualTo(2);
    }

    @Test
    void aBatchEndingRecordsTheEmailsAnsweredWithoutWaitingForOneTheServerHoldsUp() {
        answeredRecordedWhileAnotherIsHeldUp("drained", Duration.ZERO);
    }

    /**
     * Sends kept to record together are recorded once they have waited {@code record-every}, even while the batch
     * waits for an email the server holds up (up to {@code send-timeout}): a dispatcher that dies meanwhile sends
     * again only what it took in the last {@code record-every}.
     */
    @Test
    void sendsKeptToRecordTogetherAreRecordedOnTimeWhileTheBatchWaitsForOneTheServerHoldsUp() {
        answeredRecordedWhileAnotherIsHeldUp("ontime", Duration.ofSeconds(1));
    }

    private void answeredRecordedWhileAnotherIsHeldUp(String name, Duration recordEvery) {
        try (OwnEmails own = new OwnEmails(name, 2)) {
            long first = own.first;
            AtomicBoolean secondRecordedWhileFirstHeld = new AtomicBoolean();
            MailSender held = new MailSender(mailSender) {
                @Override
                CompletableFuture<Void> send(MailMessage email) {
                    if (!email.getTo().get(0).startsWith("r1@")) {
                        return super.send(email);
                    }
                    // Held until the second email's send is recorded, as it was not while the batch's end waited
                    // for its emails in the order they started.
                    return super.send(email).thenCompose(taken -> CompletableFuture.runAsync(() -> Eventually.within(
                            Duration.ofMillis(HELD_UP_MILLIS), "the second email recorded sent", () -> db.count(
                                    "select count(*) from notification where status = 'SENT' and id = "
                                            + (first + 1)) == 1)))
                            .handle((released, timedOut) -> {
                                secondRecordedWhileFirstHeld.set(timedOut == null);
                                return null;
                            });
                }
            };

            aheadSendingThrough(held, with(Map.of("concurrency", 2, "recordEvery", recordEvery)), new JobGates())
                    .dispatchBatch();

            assertThat(secondRecordedWhileFirstHeld).as("the answered email recorded while the other was held up")
                    .isTrue();
            assertThat(db.count("select count(*) from notification where status = 'SENT' and id in (" + first + ", "
                    + (first + 1) + ")")).isEqualTo(2);
        }
    }

    /**
     * What a run did: the most emails under way at once, and whether the email that releases the first started
     * while the first was still under way.
     */
    private record RunSeen(int mostUnderWay, boolean releaserBesideFirst) {
    }

    /**
     * One scheduled run of a dispatcher with a concurrency of 2 and {@code unhurriedFor}, sending 5 emails of its
     * own: the first held after the server took it until email number {@code releasedBy} starts or
     * {@code firstHeldMillis} pass (a relay slow to answer), each other 50 ms, so that an email started meanwhile is
     * seen under way.
     */
    private RunSeen aRun(String name, Duration unhurriedFor, int releasedBy, long firstHeldMillis) {
        try (OwnEmails own = new OwnEmails(name, 5)) {
            AtomicInteger underWay = new AtomicInteger();
            AtomicInteger mostUnderWay = new AtomicInteger();
            AtomicInteger started = new AtomicInteger();
            AtomicBoolean firstUnderWay = new AtomicBoolean();
            AtomicBoolean releaserBesideFirst = new AtomicBoolean();
            CompletableFuture<Void> released = new CompletableFuture<>();
            MailSender held = new MailSender(mailSender) {
                @Override
                CompletableFuture<Void> send(MailMessage email) {
                    mostUnderWay.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                    int nth = started.incrementAndGet();
                    if (nth == 1) {
                        firstUnderWay.set(true);
                    }
                    if (nth == releasedBy) {
                        releaserBesideFirst.set(firstUnderWay.get());
                        released.complete(null);
                    }
                    return super.send(email).thenCompose(taken -> nth == 1
                            ? released.copy().completeOnTimeout(null, firstHeldMillis, TimeUnit.MILLISECONDS)
                            : CompletableFuture.runAsync(() -> {
                            }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)))
                            .whenComplete((taken, failure) -> {
                                underWay.decrementAndGet();
                                if (nth == 1) {
                                    firstUnderWay.set(false);
                                }
                            });
                }
            };

            aheadSendingThrough(held, with(Map.of("concurrency", 2, "unhurriedFor", unhurriedFor)), new JobGates())
                    .run();

            assertThat(receivedAt(own.domain)).hasSize(5);
            return new RunSeen(mostUnderWay.get(), releaserBesideFirst.get());
        }
    }

    /** The service's settings, but for those named (by their accessor) with the value given. */
    private NotificationConfig with(Map<String, Object> settings) {
        return (NotificationConfig) Proxy.newProxyInstance(NotificationConfig.class.getClassLoader(),
                new Class<?>[] {NotificationConfig.class}, (proxy, method, args) -> settings.containsKey(
                        method.getName()) ? settings.get(method.getName()) : method.invoke(config, args));
    }

    private static void awaitAll(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not all emails were under way together");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A dispatcher like the service's, sending through {@code sender}, whose clock runs {@link #AHEAD}. */
    private Dispatcher aheadSendingThrough(MailSender sender, NotificationConfig settings, JobGates gates) {
        return new Dispatcher(notifications, organisations, composer, thread, sender, settings,
                Clock.offset(clock, AHEAD), registry, gates, workers);
    }

    /**
     * Emails of a test's own, due in 3 s, to r1 to rN at {@code @{name}{incident}.example}, with the service's
     * dispatcher paused until closed, so that only the test's dispatchers send them.
     */
    private final class OwnEmails implements AutoCloseable {

        final long incident;
        final long first;
        final String domain;

        OwnEmails(String name, int count) {
            incident = raisedWithItsEmailsSent();
            domain = "@" + name + incident + ".example";
            first = OutboxRows.insert(db, incident, count, domain, name, "now() + interval '3 seconds'");
            scheduler.pause("notification-dispatch");
        }

        @Override
        public void close() {
            scheduler.resume("notification-dispatch");
        }
    }

    /** An incident to hang notifications on, its own emails out of the way. */
    private long raisedWithItsEmailsSent() {
        long id = Fixtures.raise(Fixtures.bars(), "LIVE", 3);
        Eventually.within(Duration.ofSeconds(20), "the raise's emails sent", () -> db.count(
                "select count(*) from notification where status <> 'SENT' and incident_id = " + id) == 0);
        return id;
    }

    private List<String> receivedAt(String domain) {
        return Arrays.stream(mail.getReceivedMessages()).map(Inbox::to).filter(to -> to.endsWith(domain))
                .toList();
    }
}
