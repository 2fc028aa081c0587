package uk.nhs.incidents.incident.domain;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle states (DOMAIN.md, Lifecycle). */
public enum IncidentStatus {
    NEW,
    TRIAGED,
    IN_PROGRESS,
    AWAITING_INFO,
    RESOLVED,
    CLOSED,
    CANCELLED;

    /** The open states: the incident is in the supplier's hands, and may still be cancelled. */
    public static final Set<IncidentStatus> OPEN = EnumSet.of(NEW, TRIAGED, IN_PROGRESS, AWAITING_INFO);
}
