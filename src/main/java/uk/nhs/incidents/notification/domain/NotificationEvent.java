package uk.nhs.incidents.notification.domain;

import java.util.Arrays;
import java.util.Optional;
import uk.nhs.incidents.incident.domain.HistoryAction;

/**
 * The changes that notify anyone, each named in the ledger as its history action, but a new incident (the entry
 * that records its routing) as RAISED; and the one notice about no incident, a disabled webhook. Stored by name.
 * A major incident's update is told once to each mailbox, however many of the incidents it was written into
 * concern it.
 */
public enum NotificationEvent {
    RAISED(HistoryAction.ROUTED),
    PARTY_ADDED(HistoryAction.PARTY_ADDED),
    PARTY_REMOVED(HistoryAction.PARTY_REMOVED),
    RECLASSIFIED(HistoryAction.RECLASSIFIED),
    ROUTING_CHANGED(HistoryAction.ROUTING_CHANGED),
    STATUS_CHANGED(HistoryAction.STATUS_CHANGED),
    COMMENTED(HistoryAction.COMMENTED),
    EVIDENCE_ADDED(HistoryAction.EVIDENCE_ADDED),
    EVIDENCE_REMOVED(HistoryAction.EVIDENCE_REMOVED),
    CLINICAL_REVIEW_RECORDED(HistoryAction.CLINICAL_REVIEW_RECORDED),
    SLA_WARNING(HistoryAction.SLA_WARNING),
    SLA_BREACH(HistoryAction.SLA_BREACH),
    WAITING_REMINDER(HistoryAction.WAITING_REMINDER),
    FIX_RECORDED(HistoryAction.FIX_RECORDED),
    MAJOR_INCIDENT_LINKED(HistoryAction.MAJOR_INCIDENT_LINKED),
    MAJOR_INCIDENT_UNLINKED(HistoryAction.MAJOR_INCIDENT_UNLINKED),
    MAJOR_INCIDENT_UPDATED(HistoryAction.MAJOR_INCIDENT_UPDATED),
    WAITING_ON_CHANGED(HistoryAction.WAITING_ON_CHANGED),
    /** An organisation's webhook was disabled after failing for too long: about no incident, so no history action. */
    WEBHOOK_DISABLED(null);

    private final HistoryAction action;

    NotificationEvent(HistoryAction action) {
        this.action = action;
    }

    /** Whether a change tells each mailbox once, whatever number of its entries concern it. */
    public boolean oncePerMailbox() {
        return this == MAJOR_INCIDENT_UPDATED;
    }

    /**
     * Whether the entries of one change about one incident that such events notify reach each mailbox in one message,
     * saying what each says: a reclassification that sets the clinical flag and so raises the severity (or changes
     * the phase too), and the parties it adds (a Clinical Safety Officer without a mailbox of its own is written to
     * at the incident mailbox); a party added in two parts that share a mailbox; an organisation taken off and its
     * Clinical Safety Officer no longer asked for a review, where it has no CSO mailbox; a deployment edit that
     * changes both the provider and the routing (the Service Desk's mirror hears of both); an organisation added and
     * asked for the information the incident waits on; a link to a major incident already resolved, and the
     * resolution it brings.
     */
    public boolean joinedPerMailbox() {
        return switch (this) {
            case RECLASSIFIED, PARTY_ADDED, PARTY_REMOVED, ROUTING_CHANGED, WAITING_ON_CHANGED,
                    MAJOR_INCIDENT_LINKED, STATUS_CHANGED -> true;
            default -> false;
        };
    }

    /** The event a history entry with this action notifies, if any. */
    public static Optional<NotificationEvent> of(HistoryAction action) {
        // WEBHOOK_DISABLED has no action: an entry without one must not match it.
        return Arrays.stream(values()).filter(event -> event.action != null && event.action == action).findFirst();
    }
}
