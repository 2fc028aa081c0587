package uk.nhs.incidents.sla.service;

import java.time.Instant;
import uk.nhs.incidents.sla.domain.ClockKind;

/**
 * A clock crossed its warning (75 %) or breach (100 %) threshold. Fired once per clock, threshold and incident,
 * inside the transaction that records it, so observers (history, notifications) commit with it.
 *
 * @param dueAt the clock's deadline, for the message
 */
public record ThresholdCrossed(long incidentId, ClockKind clock, Threshold threshold, Instant dueAt, Instant at) {

    public enum Threshold {
        WARNING,
        BREACH
    }
}
