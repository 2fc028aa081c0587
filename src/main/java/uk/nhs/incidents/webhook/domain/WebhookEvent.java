package uk.nhs.incidents.webhook.domain;

import java.util.Arrays;
import java.util.Optional;
import uk.nhs.incidents.incident.domain.HistoryAction;

/**
 * The events a webhook may subscribe to, each the history action that records it. A new incident is announced by
 * the entry that records its first routing, as its email is; a re-routing by its ROUTING_CHANGED entry alone, not
 * again for each party it adds (a deployment edit's new provider has a ROUTING_CHANGED entry of its own, and so does
 * its new ICB where the routing does not name it). An incident resolved by its major incident's resolution is a
 * status change like any other.
 */
public enum WebhookEvent {
    RAISED("incident.raised", HistoryAction.ROUTED, false),
    STATUS_CHANGED("incident.status_changed", HistoryAction.STATUS_CHANGED, true),
    RECLASSIFIED("incident.reclassified", HistoryAction.RECLASSIFIED, true),
    ROUTING_CHANGED("incident.routing_changed", HistoryAction.ROUTING_CHANGED, false),
    COMMENT_ADDED("incident.comment_added", HistoryAction.COMMENTED, false),
    EVIDENCE_ADDED("incident.evidence_added", HistoryAction.EVIDENCE_ADDED, false),
    /** Its content removed by an admin: a receiver that copied the file learns it is gone (why is in the service). */
    EVIDENCE_REMOVED("incident.evidence_removed", HistoryAction.EVIDENCE_REMOVED, false),
    CLINICAL_REVIEW_RECORDED("incident.clinical_review_recorded", HistoryAction.CLINICAL_REVIEW_RECORDED, false),
    SLA_WARNING("incident.sla_warning", HistoryAction.SLA_WARNING, true),
    SLA_BREACH("incident.sla_breach", HistoryAction.SLA_BREACH, true),
    /** Linked to a major incident: the change's values are the major incident's reference, never its title. */
    MAJOR_INCIDENT_LINKED("incident.major_incident_linked", HistoryAction.MAJOR_INCIDENT_LINKED, true),
    /** Unlinked: the reason, free text, stays out as every reason does. */
    MAJOR_INCIDENT_UNLINKED("incident.major_incident_unlinked", HistoryAction.MAJOR_INCIDENT_UNLINKED, true),
    /** An update of its major incident was posted: the update's text is fetched with the receiver's own token. */
    MAJOR_INCIDENT_UPDATED("incident.major_incident_updated", HistoryAction.MAJOR_INCIDENT_UPDATED, true),
    /** The fix that followed a workaround resolution: the change carries the instant of the fix, not its summary. */
    FIX_RECORDED("incident.fix_recorded", HistoryAction.FIX_RECORDED, true);

    private final String type;
    private final HistoryAction action;
    private final boolean changeIsVocabulary;

    WebhookEvent(String type, HistoryAction action, boolean changeIsVocabulary) {
        this.type = type;
        this.action = action;
        this.changeIsVocabulary = changeIsVocabulary;
    }

    /** The name receivers see in {@code type}, and subscriptions name. */
    public String type() {
        return type;
    }

    /**
     * Whether the entry's field, from and to hold only the service's own vocabulary (statuses, severities, phases,
     * flags, clocks and due instants), so that the payload may carry them. Other entries' values are free text
     * (file names, hazard log references, routing summaries) and stay out of every payload.
     */
    public boolean changeIsVocabulary() {
        return changeIsVocabulary;
    }

    /** The event a history entry with this action is, if any. */
    public static Optional<WebhookEvent> of(HistoryAction action) {
        return Arrays.stream(values()).filter(event -> event.action == action).findFirst();
    }

    public static Optional<WebhookEvent> named(String type) {
        return Arrays.stream(values()).filter(event -> event.type.equals(type)).findFirst();
    }
}
