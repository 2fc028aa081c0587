package uk.nhs.incidents.sla.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ClockState;

/** A clock as the API shows it, at one instant. */
public record ClockView(Duration target, CalendarKind calendar, Instant startedAt, Instant warningAt, Instant dueAt,
        Instant stoppedAt, ClockState state, Duration elapsed, Duration paused, List<PauseView> pauses) {

    /** One interval the clock did not count, and whom it waited on. */
    public record PauseView(String kind, String waitingOn, Instant from, Instant to) {
    }
}
