package uk.nhs.incidents.incident.domain;

/**
 * What a history entry records. Stored by name, and the database admits only these names (V11); the writers
 * record them and the notifications read them, so a new action is added here and nowhere else by string.
 */
public enum HistoryAction {
    /** The incident was raised. */
    CREATED,
    /** A safety incident raised below severity 2 was raised to it. */
    SEVERITY_CHANGED,
    /** The incident's first routing was stored: the "new incident" notification. */
    ROUTED,
    ROUTING_CHANGED,
    PARTY_ADDED,
    /** A deployment edit took the organisation (the old value) off the incident (V41). */
    PARTY_REMOVED,
    RECLASSIFIED,
    STATUS_CHANGED,
    COMMENTED,
    EVIDENCE_ADDED,
    EVIDENCE_REMOVED,
    CLINICAL_REVIEW_RECORDED,
    SLA_WARNING,
    SLA_BREACH,
    /**
     * A phase change ended a running clock and started the new phase's; or a reopening started afresh a clock
     * stopped before a phase change.
     */
    SLA_CLOCK_RESTARTED,
    /** A wait for information went on past the limit. */
    WAITING_REMINDER,
    /** The supplier's own reference was set, changed or cleared (V17). */
    SUPPLIER_REFERENCE_CHANGED,
    /** The permanent fix that followed a workaround resolution was recorded. */
    FIX_RECORDED,
    /** The incident was linked to a major incident (its reference the new value)... */
    MAJOR_INCIDENT_LINKED,
    /** ...or unlinked from it (its reference the old value), with a reason. */
    MAJOR_INCIDENT_UNLINKED,
    /**
     * An update of its major incident (its reference the new value, the update's text the reason) was posted, and
     * into the incident's conversation.
     */
    MAJOR_INCIDENT_UPDATED,
    /**
     * A deployment edit or a re-routing took the organisation waited on for information out of the part it was
     * waited on in: the wait moved to the organisation now in that part (V31).
     */
    WAITING_ON_CHANGED
}
