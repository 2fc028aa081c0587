package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.domain.MailThread;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.OutboxRows;

/**
 * An instance stopping mid-batch (a deployment, a scale-down) records the emails the mail server took and hands the
 * rest back: none is sent twice, and none waits out its claim. A second dispatcher, built like the service's, is
 * stopped here, so the service's own dispatcher keeps running for the other tests.
 */
@QuarkusTest
class DispatcherStopTest {

    private static final Duration AHEAD = Duration.ofSeconds(5);

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
    ReactiveMailer mailer;

    @Inject
    Vertx vertx;

    @Test
    void aDispatcherStoppedMidBatchRecordsWhatItSentAndHandsBackTheRestToBeSentOnce() throws InterruptedException {
        long id = raisedWithItsEmailsSent();
        String domain = "@stop" + id + ".example";
        scheduler.pause("notification-dispatch");
        try {
            // Due in 3 s: a run of the service's dispatcher still under way as it was paused cannot take them, while
            // the dispatcher stopped here, 5 s ahead, can.
            OutboxRows.insert(db, id, 5, domain, "Stop", "now() + interval '3 seconds'");
            StoppedAfter stoppedAfterTwo = new StoppedAfter(2, domain, Clock.offset(clock, AHEAD));
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
        } finally {
            scheduler.resume("notification-dispatch");
        }
        Eventually.within(Duration.ofSeconds(20), "the rest sent by the running dispatcher",
                () -> receivedAt(domain).size() >= 5);
        assertThat(receivedAt(domain)).hasSize(5).doesNotHaveDuplicates();
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

    /** A dispatcher like the service's, whose service starts stopping once the mail server took {@code count} emails. */
    private final class StoppedAfter {

        final Dispatcher dispatcher;
        final Thread stopper;

        StoppedAfter(int count, String domain, Clock ahead) {
            AtomicInteger sent = new AtomicInteger();
            MailSender sender = new MailSender(mailer, vertx, config.sendTimeout()) {
                @Override
                void send(Mail email) {
                    super.send(email);
                    if (email.getTo().get(0).endsWith(domain) && sent.incrementAndGet() == count) {
                        stopper.start();
                        // The stop has begun once the stopping thread waits for the batch to end.
                        Eventually.within(Duration.ofSeconds(10), "the stop begun",
                                () -> stopper.getState() == Thread.State.TIMED_WAITING);
                    }
                }
            };
            JobGates gates = new JobGates();
            dispatcher = new Dispatcher(notifications, organisations, composer, thread, sender, config, ahead,
                    registry, gates);
            stopper = new Thread(() -> gates.stop(null));
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
