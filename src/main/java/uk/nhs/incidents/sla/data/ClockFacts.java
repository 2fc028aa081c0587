package uk.nhs.incidents.sla.data;

import java.time.Instant;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;

/**
 * What a clock's standing is worked out from, as stored: its start, target and calendar, its stop, and its stored
 * state (a cancelled clock shows as cancelled whatever its instants say). A value for reading; {@code id} is
 * {@code null} for a clock not stored, such as a preview's.
 */
public record ClockFacts(Long id, long incidentId, ClockKind kind, CalendarKind calendar, long targetSeconds,
        Instant startedAt, Instant stoppedAt, ClockState state) {
}
