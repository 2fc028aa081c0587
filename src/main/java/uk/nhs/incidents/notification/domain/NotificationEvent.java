package uk.nhs.incidents.notification.domain;

import java.util.Arrays;
import java.util.Optional;
import uk.nhs.incidents.incident.domain.HistoryAction;

/**
 * The changes that notify anyone, each named in the ledger as its history action, but a new incident (the entry
 * that records its routing) as RAISED; and the one notice about no incident, a disabled webhook. Stored by name.
 */
public enum NotificationEvent {
    RAISED(HistoryAction.ROUTED),
    PARTY_ADDED(HistoryAction.PARTY_ADDED),
    RECLASSIFIED(HistoryAction.RECLASSIFIED),
    ROUTING_CHANGED(HistoryAction.ROUTING_CHANGED),
    STATUS_CHANGED(HistoryAction.STATUS_CHANGED),
    COMMENTED(HistoryAction.COMMENTED),
    EVIDENCE_ADDED(HistoryAction.EVIDENCE_ADDED),
    CLINICAL_REVIEW_RECORDED(HistoryAction.CLINICAL_REVIEW_RECORDED),
    SLA_WARNING(HistoryAction.SLA_WARNING),
    SLA_BREACH(HistoryAction.SLA_BREACH),
    WAITING_REMINDER(HistoryAction.WAITING_REMINDER),
    /** An organisation's webhook was disabled after failing for too long: about no incident, so no history action. */
    WEBHOOK_DISABLED(null);

    private final HistoryAction action;

    NotificationEvent(HistoryAction action) {
        this.action = action;
    }

    /** The event a history entry with this action notifies, if any. */
    public static Optional<NotificationEvent> of(HistoryAction action) {
        return Arrays.stream(values()).filter(event -> event.action == action).findFirst();
    }
}
