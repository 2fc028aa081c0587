package uk.nhs.incidents.sla.service;

import java.time.Instant;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ServiceLevelClock;

/**
 * A clock crossed its warning or breach threshold. Returned once per clock, threshold and deadline by the
 * {@link ServiceLevels} method whose refresh crossed it, for its caller to record in the incident's history in the
 * same transaction; also fired as an event, which the metrics count once that transaction commits.
 *
 * @param dueAt the clock's deadline, for the message
 */
public record ThresholdCrossed(long incidentId, ClockKind clock, Threshold threshold, Instant dueAt, Instant at) {

    public enum Threshold {
        WARNING,
        BREACH;

        /** The share of its target a clock has used when it crosses this threshold, as people read it: "75%". */
        public String percent() {
            double fraction = this == WARNING ? ServiceLevelClock.WARNING_FRACTION : 1.0;
            return Math.round(fraction * 100) + "%";
        }
    }
}
