package uk.nhs.incidents.incident.data;

/** The orders incident lists come in. */
public enum IncidentOrder {
    /** Newest first: the default. */
    NEWEST,
    /** A work queue: the resolution clock's due instant, soonest first; incidents without one (paused) last. */
    RESOLUTION_DUE
}
