package uk.nhs.incidents.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.jobs.Batches;
import uk.nhs.incidents.common.jobs.JobGate;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.common.jobs.RecordedTogether;
import uk.nhs.incidents.common.lang.Causes;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.data.NotificationRepository.Claim;
import uk.nhs.incidents.notification.data.NotificationRepository.Sent;
import uk.nhs.incidents.notification.domain.MailThread;
import uk.nhs.incidents.party.data.OrganisationRepository;

/**
 * Sends due notifications, never inside the transaction of the change that wrote them, rendering each from what its
 * row says. Batches are claimed with SKIP LOCKED, so any number of dispatchers run side by side without sending one
 * twice; no transaction is open while the mail server is talked to; a failed send is retried with exponential
 * backoff and jitter, then marked failed for an admin to retry; one that retrying cannot cure is marked failed at
 * once. Each claim is one statement, each failure one, and the sends a batch got through are recorded together (at
 * least every {@code record-every}); each writes only the columns it changes. When the service stops, the batch in
 * progress sends nothing more, records what it sent and hands the rest back to be sent at once by another instance.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final NotificationRepository notifications;
    private final OrganisationRepository organisations;
    private final MessageComposer composer;
    private final MailThread thread;
    private final MailSender mailer;
    private final NotificationConfig config;
    private final Clock clock;
    private final Counter sentCount;
    private final JobGate gate;

    Dispatcher(NotificationRepository notifications, OrganisationRepository organisations, MessageComposer composer,
            MailThread thread, MailSender mailer, NotificationConfig config, Clock clock, MeterRegistry registry,
            JobGates gates) {
        this.notifications = notifications;
        this.organisations = organisations;
        this.composer = composer;
        this.thread = thread;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.sentCount = Counter.builder("incidents.notifications.sent")
                .description("Emails the mail server accepted, counted as their sending is recorded").register(registry);
        this.gate = gates.open("the email dispatcher", config.sendTimeout());
    }

    @Scheduled(identity = "notification-dispatch", every = "${incidents.notifications.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        gate.run(() -> Batches.untilShort(this::dispatchBatch, config.batchSize()));
    }

    /**
     * Claims one batch of due notifications in a short transaction, sends each outside any transaction, and records
     * each failure in a transaction of its own and the sends together (one commit a batch, not one an email); returns
     * how many it claimed. A claim holds a notification for {@code incidents.notifications.claim-lease}, so a
     * dispatcher that dies mid-batch delays its notifications but loses none.
     */
    public int dispatchBatch() {
        if (gate.closed()) {
            return 0;
        }
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        RecordedTogether<Sent> sent = new RecordedTogether<>(config.recordEvery(), this::recordSent);
        for (int i = 0; i < claimed.size(); i++) {
            if (gate.closed()) {
                sent.flush();
                handBack(claimed.subList(i, claimed.size()));
                break;
            }
            Claimed each = claimed.get(i);
            Optional<Failure> failure = send(each);
            if (failure.isPresent()) {
                QuarkusTransaction.requiringNew().run(() -> recordFailure(each, failure.get()));
            } else {
                Instant at = Timestamps.now(clock);
                sent.add(new Sent(each.claim().id(), at), at);
            }
        }
        sent.flush();
        return claimed.size();
    }

    /**
     * Claimed notifications left unsent as the service stops, due again at once rather than when the claim lapses;
     * a release that fails leaves them to the claim's lapse, which sends them as well, later.
     */
    private void handBack(List<Claimed> unsent) {
        List<Long> ids = unsent.stream().map(each -> each.claim().id()).toList();
        Instant leaseEnd = unsent.get(0).leaseEnd();
        try {
            QuarkusTransaction.requiringNew().run(() -> notifications.release(ids, leaseEnd, Timestamps.now(clock)));
        } catch (RuntimeException e) {
            LOG.warnf("Stopping: %d claimed notifications are sent once their claim lapses: %s", ids.size(),
                    LogText.rootCause(e, 500));
        }
    }

    private void recordSent(List<Sent> emails) {
        QuarkusTransaction.requiringNew().run(() -> notifications.markSent(emails));
        sentCount.increment(emails.size());
    }

    /**
     * A claimed notification, the address it goes to and when its claim lapses, copied out of the transaction that
     * claimed it.
     */
    private record Claimed(Claim claim, String to, Instant leaseEnd) {
    }

    /** Claims in one statement; one whose organisation still has no mailbox is failed at once, with the reason. */
    private List<Claimed> claim() {
        Instant now = Timestamps.now(clock);
        Instant leaseEnd = now.plus(config.claimLease());
        List<Claimed> claimed = new ArrayList<>();
        for (Claim claim : notifications.claimDue(now, leaseEnd, config.batchSize())) {
            address(claim).ifPresentOrElse(to -> claimed.add(new Claimed(claim, to, leaseEnd)), () -> notifications
                    .markFailed(claim.id(), Notification.NO_MAILBOX + claim.recipientOrganisation()));
        }
        return claimed;
    }

    /**
     * Where to send: the address written with the notification, or, for one written without (its organisation had
     * no usable mailbox) and retried by an admin, the organisation's mailbox as it is registered now.
     */
    private Optional<String> address(Claim claim) {
        if (claim.recipientEmail() != null) {
            return Optional.of(claim.recipientEmail());
        }
        return organisations.findByIdOptional(claim.recipientOrganisation()).map(o -> "CSO"
                .equals(claim.recipientContact()) && o.csoMailbox != null ? o.csoMailbox : o.incidentMailbox);
    }

    /** Why a send failed, and whether sending again could cure it. */
    private record Failure(String cause, boolean permanent) {
    }

    /** Sends one email; returns why it was not sent, if it was not. */
    private Optional<Failure> send(Claimed claimed) {
        try {
            mailer.send(mail(claimed));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(new Failure(LogText.rootCause(e, 2000), isPermanent(e)));
        }
    }

    /**
     * The email, rendered now from what the row says (a row written before V14 was rendered when written), in its
     * incident's thread.
     */
    private Mail mail(Claimed claimed) {
        Claim claim = claimed.claim();
        MessageComposer.Rendered bodies = claim.message() == null
                ? new MessageComposer.Rendered(claim.bodyText(), claim.bodyHtml())
                : composer.render(Message.of(claim.message()));
        Mail mail = Mail.withText(claimed.to(), claim.subject(), bodies.text()).setHtml(bodies.html());
        thread.headers(claim.id(), Optional.ofNullable(claim.incidentId()).map(incident -> new MailThread.About(
                incident, claim.incidentRaisedAt(), claim.writtenAt()))).forEach(mail::addHeader);
        return mail;
    }

    /** A failed attempt, in one statement; the claim's lease keeps its count of attempts current. */
    private void recordFailure(Claimed claimed, Failure failure) {
        long id = claimed.claim().id();
        int attempts = claimed.claim().attempts() + 1;
        String to = LogText.of(claimed.to());
        if (failure.permanent() || attempts >= config.maxAttempts()) {
            notifications.markFailed(id, failure.cause());
            LOG.errorf("Notification %d to %s failed %s and is given up: %s", id, to,
                    failure.permanent() ? "in a way retrying cannot cure" : attempts + " times", failure.cause());
        } else {
            Instant retryAt = Timestamps.now(clock).plus(Backoff.after(attempts, config.initialBackoff(),
                    config.maxBackoff(), ThreadLocalRandom.current()::nextDouble));
            notifications.markRetry(id, failure.cause(), retryAt);
            LOG.warnf("Notification %d to %s not sent (attempt %d), retrying at %s: %s", id, to, attempts, retryAt,
                    failure.cause());
        }
    }

    /**
     * A failure that sending again would only repeat: the mail server's permanent refusal (5xx), or a message
     * that cannot be built at all, such as an invalid address or header.
     */
    static boolean isPermanent(Throwable e) {
        return Causes.of(e).filter(t -> t instanceof SMTPException || t instanceof IllegalArgumentException)
                .findFirst().map(t -> !(t instanceof SMTPException smtp) || smtp.isPermanent()).orElse(false);
    }
}
