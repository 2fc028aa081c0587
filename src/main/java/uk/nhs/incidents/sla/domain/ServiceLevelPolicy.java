package uk.nhs.incidents.sla.domain;

import java.time.Duration;
import java.util.Map;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * The targets per severity and clock (docs/domain.md, Service levels). A test-phase incident keeps its severity's
 * durations but counts them in the test-phase calendar, so that it never runs a clock overnight.
 */
public final class ServiceLevelPolicy {

    /** The targets of one severity. */
    public record SeverityTargets(Duration triage, Duration resolution, CalendarKind calendar) {
    }

    private final Map<Integer, SeverityTargets> bySeverity;
    private final CalendarKind testPhaseCalendar;

    public ServiceLevelPolicy(Map<Integer, SeverityTargets> bySeverity, CalendarKind testPhaseCalendar) {
        for (int severity = 1; severity <= 5; severity++) {
            if (!bySeverity.containsKey(severity)) {
                throw new IllegalArgumentException("no service-level targets for severity " + severity);
            }
        }
        this.bySeverity = Map.copyOf(bySeverity);
        this.testPhaseCalendar = testPhaseCalendar;
    }

    public Target target(ClockKind clock, Phase phase, int severity) {
        SeverityTargets targets = bySeverity.get(severity);
        if (targets == null) {
            throw new IllegalArgumentException("severity runs from 1 to 5, not " + severity);
        }
        Duration duration = clock == ClockKind.TRIAGE ? targets.triage() : targets.resolution();
        return new Target(duration, phase == Phase.TEST ? testPhaseCalendar : targets.calendar());
    }
}
