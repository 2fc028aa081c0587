package uk.nhs.incidents.sla.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * The targets per severity and clock (docs/domain.md, Service levels). A test-phase incident keeps its severity's
 * durations but counts them in the test-phase calendar, so that it never runs a clock overnight.
 */
public final class ServiceLevelPolicy {

    /** The shortest target (PT1M): a clock is counted in whole minutes. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);
    /** The longest target (P366D): beyond a year a target is a typing mistake, and no report would ever judge it. */
    public static final Duration LONGEST = Duration.ofDays(366);

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

    /** The targets by severity, 1 to 5 in order. */
    public Map<Integer, SeverityTargets> bySeverity() {
        return new TreeMap<>(bySeverity);
    }

    public CalendarKind testPhaseCalendar() {
        return testPhaseCalendar;
    }

    /**
     * What is wrong with a whole set of targets by severity: a severity missing or unknown, and each severity's own
     * faults ({@link #violations(String, SeverityTargets)}, each named "severity N").
     */
    public static List<Violation> violations(Map<Integer, SeverityTargets> bySeverity) {
        List<Violation> violations = new ArrayList<>();
        for (int severity = 1; severity <= 5; severity++) {
            SeverityTargets targets = bySeverity.get(severity);
            if (targets == null) {
                violations.add(new Violation("severity " + severity, "has no targets"));
            } else {
                violations.addAll(violations("severity " + severity, targets));
            }
        }
        bySeverity.keySet().stream().filter(severity -> severity < 1 || severity > 5).forEach(severity ->
                violations.add(new Violation("severity " + severity, "severities run from 1 to 5")));
        return violations;
    }

    /**
     * What is wrong with one severity's targets ({@code field} names its entry): each target in whole
     * minutes from {@link #SHORTEST} to {@link #LONGEST}, a calendar, and no triage longer than the resolution it
     * leads to.
     */
    public static List<Violation> violations(String field, SeverityTargets targets) {
        List<Violation> violations = new ArrayList<>();
        check(field + ".triage", targets.triage()).ifPresent(violations::add);
        check(field + ".resolution", targets.resolution()).ifPresent(violations::add);
        if (targets.calendar() == null) {
            violations.add(new Violation(field + ".calendar", "is required"));
        }
        if (violations.isEmpty() && targets.triage().compareTo(targets.resolution()) > 0) {
            violations.add(new Violation(field + ".triage", "must not be longer than the resolution target"));
        }
        return violations;
    }

    private static Optional<Violation> check(String field, Duration target) {
        if (target.compareTo(SHORTEST) < 0 || target.compareTo(LONGEST) > 0) {
            return Optional.of(new Violation(field, "must be from PT1M to P366D"));
        }
        if (target.toSecondsPart() != 0 || target.toNanosPart() != 0) {
            return Optional.of(new Violation(field, "must be whole minutes"));
        }
        return Optional.empty();
    }
}
