package uk.nhs.incidents.sla.data;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;

/**
 * What a clock's standing is worked out from, as stored: its start, target and calendar, its stop, and its stored
 * state (a cancelled clock shows as cancelled, and a stopped one as it was judged, whatever its instants say), with
 * the warning and due instants it was last given (those an ended clock shows). A value for reading; {@code id} is
 * {@code null} for a clock not stored, such as a preview's.
 *
 * @param counted what an ended clock counted as it ended, or null (running, or ended before it was kept)
 * @param paused the time it was paused, kept with {@code counted}
 */
public record ClockFacts(Long id, long incidentId, ClockKind kind, CalendarKind calendar, long targetSeconds,
        Instant startedAt, Instant stoppedAt, ClockState state, Instant warningAt, Instant dueAt, Duration counted,
        Duration paused) {

    /** A duration stored in microseconds, the resolution of the instants it was counted between. */
    public static Duration ofMicros(Number micros) {
        return micros == null ? null : Duration.of(micros.longValue(), ChronoUnit.MICROS);
    }

    /**
     * The clock ended and its outcome is kept: cancelled, or stopped and judged met or breached. Nothing done
     * afterwards (a bank-holiday file loaded, another change to the incident) judges it again; reopening resumes it,
     * or after a change of phase restarts it.
     */
    public boolean ended() {
        return state == ClockState.CANCELLED
                || stoppedAt != null && (state == ClockState.MET || state == ClockState.BREACHED);
    }
}
