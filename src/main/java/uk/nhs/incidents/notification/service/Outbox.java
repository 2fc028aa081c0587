package uk.nhs.incidents.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.domain.Addressed;
import uk.nhs.incidents.notification.domain.NotificationEvent;

/**
 * Writes notifications to the outbox, in the transaction of the change they announce, all of it in one statement;
 * the dispatcher renders and sends them later. Each row keeps what its email says as of the change, so the email
 * describes the incident as it was then. One without a mailbox is written as failed, with the reason, for an admin
 * to retry once one is registered.
 */
@ApplicationScoped
class Outbox {

    /** An email to write: about which entry of an incident raised when, to whom, saying what. */
    record Draft(HistoryEntry entry, Instant incidentRaisedAt, Addressed addressed, Message message) {
    }

    private final NotificationRepository notifications;

    Outbox(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    void add(List<Draft> drafts, Instant now) {
        notifications.insertAll(drafts.stream().map(draft -> notification(draft, now)).toList());
    }

    private static Notification notification(Draft draft, Instant now) {
        Addressed addressed = draft.addressed();
        Notification notification = new Notification();
        notification.incidentId = draft.entry().incidentId;
        notification.historyId = draft.entry().id;
        notification.incidentRaisedAt = draft.incidentRaisedAt();
        notification.event = NotificationEvent.of(draft.entry().action).orElseThrow().name();
        notification.recipientOrganisation = addressed.recipient().organisation();
        notification.recipientContact = addressed.recipient().contact().name();
        notification.addressTo(addressed.email(), addressed.recipient().organisation());
        notification.subject = draft.message().subject();
        notification.message = draft.message().json();
        notification.nextAttemptAt = now;
        notification.createdAt = now;
        return notification;
    }
}
