package uk.nhs.incidents.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;

/**
 * Sends due notifications, never inside the transaction of the change that wrote them. Each batch locks its rows
 * with SKIP LOCKED, so any number of dispatchers run side by side without sending one twice; a failed send is
 * retried with exponential backoff and jitter, then marked failed for an admin to retry.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final NotificationRepository notifications;
    private final Mailer mailer;
    private final NotificationConfig config;
    private final Clock clock;

    Dispatcher(NotificationRepository notifications, Mailer mailer, NotificationConfig config, Clock clock) {
        this.notifications = notifications;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "notification-dispatch", every = "${incidents.notifications.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        while (dispatchBatch() == config.batchSize()) {
            // a full batch: more may be due
        }
    }

    /** Sends one batch of due notifications; returns how many it attempted. */
    @Transactional
    public int dispatchBatch() {
        Instant now = Timestamps.now(clock);
        List<Long> due = notifications.lockDue(now, config.batchSize());
        for (Long id : due) {
            send(notifications.findById(id), now);
        }
        return due.size();
    }

    private void send(Notification notification, Instant now) {
        notification.attempts++;
        try {
            mailer.send(Mail.withText(notification.recipientEmail, notification.subject, notification.bodyText)
                    .setHtml(notification.bodyHtml));
            notification.status = Notification.Status.SENT;
            notification.sentAt = now;
            notification.lastError = null;
        } catch (RuntimeException e) {
            notification.lastError = describe(e);
            if (notification.attempts >= config.maxAttempts()) {
                notification.status = Notification.Status.FAILED;
                LOG.errorf("Notification %d to %s failed %d times and is given up: %s", notification.id,
                        notification.recipientEmail, notification.attempts, notification.lastError);
            } else {
                notification.nextAttemptAt = Timestamps.now(clock).plus(Backoff.after(notification.attempts, config.initialBackoff(),
                        config.maxBackoff(), ThreadLocalRandom.current()::nextDouble));
                LOG.warnf("Notification %d to %s not sent (attempt %d), retrying at %s: %s", notification.id,
                        notification.recipientEmail, notification.attempts, notification.nextAttemptAt,
                        notification.lastError);
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }
}
