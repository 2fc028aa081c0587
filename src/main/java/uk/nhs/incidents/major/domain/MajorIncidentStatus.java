package uk.nhs.incidents.major.domain;

/** Where a major incident stands: open while the outage lasts, resolved once, with every open incident linked to it. */
public enum MajorIncidentStatus {
    OPEN,
    RESOLVED
}
