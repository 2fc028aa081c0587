package uk.nhs.incidents.reporting.domain;

/** What a row of the service-level record records. */
public enum RecordedEvent {
    RAISED,
    TRIAGED,
    RESOLVED
}
