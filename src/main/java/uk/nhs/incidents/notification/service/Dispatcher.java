package uk.nhs.incidents.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.jobs.Batches;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.text.TextRules;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.party.data.OrganisationRepository;

/**
 * Sends due notifications, never inside the transaction of the change that wrote them. Batches are claimed with
 * SKIP LOCKED, so any number of dispatchers run side by side without sending one twice; no transaction is open
 * while the mail server is talked to; a failed send is retried with exponential backoff and jitter, then marked
 * failed for an admin to retry; one that retrying cannot cure is marked failed at once.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final NotificationRepository notifications;
    private final OrganisationRepository organisations;
    private final Mailer mailer;
    private final NotificationConfig config;
    private final Clock clock;

    Dispatcher(NotificationRepository notifications, OrganisationRepository organisations, Mailer mailer,
            NotificationConfig config, Clock clock) {
        this.notifications = notifications;
        this.organisations = organisations;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "notification-dispatch", every = "${incidents.notifications.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Batches.untilShort(this::dispatchBatch, config.batchSize());
    }

    /**
     * Claims one batch of due notifications in a short transaction, sends each outside any transaction, and records
     * each outcome in a transaction of its own; returns how many it claimed. A claim holds a notification for
     * {@code incidents.notifications.claim-lease}, so a dispatcher that dies mid-batch delays its notifications but
     * loses none.
     */
    public int dispatchBatch() {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        claimed.forEach(this::deliver);
        return claimed.size();
    }

    /** What a claimed notification needs to be sent, copied out of the transaction that claimed it. */
    private record Claimed(long id, String to, String subject, String text, String html) {
    }

    private List<Claimed> claim() {
        Instant now = Timestamps.now(clock);
        return notifications.lockDue(now, config.batchSize()).stream().map(n -> {
            n.nextAttemptAt = now.plus(config.claimLease());
            Optional<String> to = address(n);
            if (to.isEmpty()) {
                n.attempts++;
                n.status = Notification.Status.FAILED;
                n.lastError = Notification.NO_MAILBOX + n.recipientOrganisation;
                return null;
            }
            return new Claimed(n.id, to.get(), n.subject, n.bodyText, n.bodyHtml);
        }).filter(Objects::nonNull).toList();
    }

    /**
     * Where to send: the address written with the notification, or, for one written without (its organisation had
     * no usable mailbox) and retried by an admin, the organisation's mailbox as it is registered now.
     */
    private Optional<String> address(Notification notification) {
        if (notification.recipientEmail != null) {
            return Optional.of(notification.recipientEmail);
        }
        return organisations.findByIdOptional(notification.recipientOrganisation).map(o -> "CSO"
                .equals(notification.recipientContact) && o.csoMailbox != null ? o.csoMailbox : o.incidentMailbox);
    }

    /** Why a send failed, and whether sending again could cure it. */
    private record Failure(String cause, boolean permanent) {
    }

    private void deliver(Claimed claimed) {
        Failure failure = null;
        try {
            mailer.send(Mail.withText(claimed.to(), claimed.subject(), claimed.text()).setHtml(claimed.html()));
        } catch (RuntimeException e) {
            failure = new Failure(describe(e), isPermanent(e));
        }
        Failure outcome = failure;
        QuarkusTransaction.requiringNew().run(() -> record(notifications.findById(claimed.id()), outcome));
    }

    private void record(Notification notification, Failure failure) {
        Instant now = Timestamps.now(clock);
        notification.attempts++;
        if (failure == null) {
            notification.status = Notification.Status.SENT;
            notification.sentAt = now;
            notification.lastError = null;
            return;
        }
        notification.lastError = failure.cause();
        String to = LogText.of(notification.recipientEmail);
        if (failure.permanent() || notification.attempts >= config.maxAttempts()) {
            notification.status = Notification.Status.FAILED;
            LOG.errorf("Notification %d to %s failed %s and is given up: %s", notification.id, to,
                    failure.permanent() ? "in a way retrying cannot cure" : notification.attempts + " times",
                    failure.cause());
        } else {
            notification.nextAttemptAt = now.plus(Backoff.after(notification.attempts, config.initialBackoff(),
                    config.maxBackoff(), ThreadLocalRandom.current()::nextDouble));
            LOG.warnf("Notification %d to %s not sent (attempt %d), retrying at %s: %s", notification.id, to,
                    notification.attempts, notification.nextAttemptAt, failure.cause());
        }
    }

    /**
     * A failure that sending again would only repeat: the mail server's permanent refusal (5xx), or a message
     * that cannot be built at all, such as an invalid address or header.
     */
    static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
            if (t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return TextRules.singleLine(root.getClass().getSimpleName() + ": " + root.getMessage(), 2000);
    }
}
