package uk.nhs.incidents.sla.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.sla.domain.ClockKind;

/**
 * A clock stopped with an outcome (triaged, resolved), as its calendar counted it; announced with the others the same
 * change stopped, in {@link ClocksStopped}.
 *
 * @param elapsed counted time from the start, pauses excluded
 * @param pauses each pause's counted time, with whom it waited on
 */
public record ClockStopped(long incidentId, ClockKind kind, Instant at, Duration target, Duration elapsed, boolean met,
        List<PausedTime> pauses) {

    /** One pause: {@code AWAITING_INFO} naming the organisation waited on, or {@code RESOLVED} before a reopening. */
    public record PausedTime(String kind, String waitingOn, Duration counted) {
    }
}
