package uk.nhs.incidents.sla.domain;

/** The hours a clock runs in. */
public enum CalendarKind {
    TWENTY_FOUR_SEVEN,
    SERVICE_HOURS
}
