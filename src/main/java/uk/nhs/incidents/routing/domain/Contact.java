package uk.nhs.incidents.routing.domain;

/** Which of an organisation's mailboxes a party is reached at. */
public enum Contact {
    INCIDENT,
    /** The Clinical Safety Officer. */
    CSO
}
