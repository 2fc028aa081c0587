package uk.nhs.incidents.vocabulary;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle states. Two words describe where an incident stands, each with one meaning used everywhere: an
 * <em>open</em> incident is in the supplier's hands (what the list filter {@code open} and the reports count); an
 * <em>ended</em> one is closed or cancelled and takes no further change. A resolved incident is neither: it waits
 * for confirmation, and may still be reclassified, take evidence or be reopened.
 */
public enum IncidentStatus {
    NEW,
    TRIAGED,
    IN_PROGRESS,
    AWAITING_INFO,
    RESOLVED,
    CLOSED,
    CANCELLED;

    /** The open states: the incident is in the supplier's hands. */
    public static final Set<IncidentStatus> OPEN = EnumSet.of(NEW, TRIAGED, IN_PROGRESS, AWAITING_INFO);

    /** The ended states: nothing about the incident changes any more. */
    public static final Set<IncidentStatus> ENDED = EnumSet.of(CLOSED, CANCELLED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean isEnded() {
        return ENDED.contains(this);
    }
}
