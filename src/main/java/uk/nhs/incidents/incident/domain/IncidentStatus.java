package uk.nhs.incidents.incident.domain;

/** Lifecycle states (DOMAIN.md, Lifecycle). */
public enum IncidentStatus {
    NEW,
    TRIAGED,
    IN_PROGRESS,
    AWAITING_INFO,
    RESOLVED,
    CLOSED,
    CANCELLED
}
