package uk.nhs.incidents.sla.domain;

/** The two service-level clocks of every incident. */
public enum ClockKind {
    /** From creation until the supplier triages it; it never pauses (a wait for information begins after triage). */
    TRIAGE(false),
    /** From creation until it is resolved; paused while waiting for information, and while resolved if reopened. */
    RESOLUTION(true);

    private final boolean pauses;

    ClockKind(boolean pauses) {
        this.pauses = pauses;
    }

    /** Whether a clock of this kind can have pauses: only these are looked for when its time is counted. */
    public boolean pauses() {
        return pauses;
    }
}
