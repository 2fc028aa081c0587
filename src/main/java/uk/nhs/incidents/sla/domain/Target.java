package uk.nhs.incidents.sla.domain;

import java.time.Duration;

/** A service-level target: how much of which calendar's time. */
public record Target(Duration duration, CalendarKind calendar) {
}
