package uk.nhs.incidents.routing.domain;

/** What a party does in an incident. */
public enum Part {
    /** Works the incident. */
    RESOLVER,
    /** Owns incident management. */
    ACCOUNTABLE,
    /** Is kept informed. */
    INFORMED
}
