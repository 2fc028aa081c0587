package uk.nhs.incidents.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.domain.Addressed;
import uk.nhs.incidents.notification.domain.NotificationEvent;

/**
 * Writes notifications to the outbox, in the transaction of the change they announce; the dispatcher sends them
 * later. One without a mailbox is written as failed, with the reason, for an admin to retry once one is registered.
 */
@ApplicationScoped
class Outbox {

    private final NotificationRepository notifications;

    Outbox(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    void add(HistoryEntry entry, Addressed addressed, MessageComposer.Composed message, Instant now) {
        Notification notification = new Notification();
        notification.incidentId = entry.incidentId;
        notification.historyId = entry.id;
        notification.event = NotificationEvent.of(entry.action).orElseThrow().name();
        notification.recipientOrganisation = addressed.recipient().organisation();
        notification.recipientContact = addressed.recipient().contact().name();
        notification.recipientEmail = addressed.email();
        notification.subject = message.subject();
        notification.bodyText = message.text();
        notification.bodyHtml = message.html();
        notification.nextAttemptAt = now;
        notification.createdAt = now;
        if (addressed.email() == null) {
            notification.status = Notification.Status.FAILED;
            notification.lastError = Notification.NO_MAILBOX + addressed.recipient().organisation();
        } else {
            notification.status = Notification.Status.PENDING;
        }
        notifications.persist(notification);
    }
}
