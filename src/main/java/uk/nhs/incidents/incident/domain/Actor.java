package uk.nhs.incidents.incident.domain;

/** The part a caller plays in one incident, which decides what it may do to it. */
public enum Actor {
    /** The supplier whose system it is: triages, works and resolves. */
    RESOLVER,
    /** The organisation that raised it, or the provider or practice whose deployment it is. */
    REPORTER,
    /**
     * The party accountable for incident management: the ICB, or the provider or practice (of a practice's
     * deployment, or of any test incident).
     */
    ACCOUNTABLE,
    /** The service itself, for scheduled changes such as closing resolved incidents. */
    SYSTEM
}
