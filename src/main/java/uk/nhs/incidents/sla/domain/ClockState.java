package uk.nhs.incidents.sla.domain;

/** A clock's state as shown (docs/domain.md): AT_RISK is a running clock past its warning threshold. */
public enum ClockState {
    RUNNING,
    AT_RISK,
    PAUSED,
    MET,
    BREACHED,
    /** The incident was cancelled; the clock counts for nothing. */
    CANCELLED;

    /**
     * The state as a clock row keeps it: AT_RISK is how a running clock reads once past its warning instant, which
     * time alone changes, so a row holds RUNNING and the readers compare its warning instant with now.
     */
    public ClockState stored() {
        return this == AT_RISK ? RUNNING : this;
    }
}
