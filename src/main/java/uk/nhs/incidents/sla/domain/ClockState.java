package uk.nhs.incidents.sla.domain;

/** A clock's state as shown (docs/domain.md): AT_RISK is a running clock past its warning threshold. */
public enum ClockState {
    RUNNING,
    AT_RISK,
    PAUSED,
    MET,
    BREACHED,
    /** The incident was cancelled; the clock counts for nothing. */
    CANCELLED
}
