package uk.nhs.incidents.sla.domain;

/** The two service-level clocks of every incident. */
public enum ClockKind {
    /** From creation until the supplier triages it. */
    TRIAGE,
    /** From creation until it is resolved; paused while waiting for information. */
    RESOLUTION
}
