package uk.nhs.incidents.notification.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.metrics.CachedQuery;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.security.Caller;

/** The record of every notification, retries of failed ones, and their counts as metrics. */
@ApplicationScoped
public class NotificationLedger {

    private final NotificationRepository notifications;
    private final IncidentRepository incidents;
    private final Clock clock;

    NotificationLedger(NotificationRepository notifications, IncidentRepository incidents, Clock clock) {
        this.notifications = notifications;
        this.incidents = incidents;
        this.clock = clock;
    }

    /**
     * The outbox's backlog as gauges: pending and failed notifications, service-wide. Emails sent are a counter of
     * the dispatchers' ({@code incidents.notifications.sent}), not a count of every row ever sent.
     */
    void registerMetrics(@Observes StartupEvent event, MeterRegistry registry) {
        CachedQuery<Map<Notification.Status, Long>> counts = new CachedQuery<>(notifications::countOutstanding,
                Duration.ofSeconds(15));
        for (Notification.Status status : NotificationRepository.OUTSTANDING) {
            Gauge.builder("incidents.notifications", () -> counts.get().get(status))
                    .tag("status", status.name().toLowerCase())
                    .description("Notifications in the outbox still to do, by status")
                    .register(registry);
        }
    }

    public Optional<List<Notification>> forIncident(long incidentId, PageRequest page, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .map(incident -> notifications.forIncident(incident.id, page));
    }

    /**
     * Puts a failed notification back in the queue, due now, addressed again when it is sent: to its organisation's
     * mailbox as registered then, so that a retry after the mailbox that refused it was put right reaches the new
     * one. Read locked, so that of two retries at once the second finds it pending (or sent by then) and is refused,
     * rather than putting a sent email back in the queue.
     */
    @Transactional
    public Optional<Notification> retry(long id) {
        return notifications.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(notification -> {
            if (notification.status != Notification.Status.FAILED) {
                throw new ConflictException("not-failed", "Not failed",
                        "Only failed notifications are retried; this one is " + notification.status + ".");
            }
            notification.status = Notification.Status.PENDING;
            if (notifications.readdressable(notification)) {
                notification.recipientEmail = null;
            }
            notification.attempts = 0;
            notification.nextAttemptAt = Timestamps.now(clock);
            return notification;
        });
    }

    /**
     * Puts every failed notification back in the queue, due now and addressed again when sent (as {@link #retry}),
     * in one statement: a row another retry has requeued meanwhile is checked again once that retry commits, and
     * left as it is.
     */
    @Transactional
    public int retryAllFailed() {
        return notifications.retryAllFailed(Timestamps.now(clock));
    }
}
