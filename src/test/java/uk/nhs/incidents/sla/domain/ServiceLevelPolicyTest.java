package uk.nhs.incidents.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy.SeverityTargets;
import uk.nhs.incidents.vocabulary.Phase;

class ServiceLevelPolicyTest {

    private static SeverityTargets targets(String triage, String resolution) {
        return new SeverityTargets(Duration.parse(triage), Duration.parse(resolution), CalendarKind.SERVICE_HOURS);
    }

    @Test
    void targetsInWholeMinutesFromAMinuteToAYearWithTheTriageFirstAreAccepted() {
        assertThat(ServiceLevelPolicy.violations("s", targets("PT1M", "PT1M"))).isEmpty();
        assertThat(ServiceLevelPolicy.violations("s", targets("PT15M", "P366D"))).isEmpty();
    }

    @Test
    void eachTargetOutOfRangeOrNotInWholeMinutesIsNamed() {
        assertThat(ServiceLevelPolicy.violations("s", targets("PT59S", "P367D"))).extracting(Violation::field)
                .containsExactly("s.triage", "s.resolution");
        assertThat(ServiceLevelPolicy.violations("s", targets("PT1M30S", "PT4H"))).extracting(Violation::field)
                .containsExactly("s.triage");
        assertThat(ServiceLevelPolicy.violations("s", targets("-PT4H", "PT4H"))).extracting(Violation::field)
                .containsExactly("s.triage");
    }

    @Test
    void targetsWithoutACalendarAreRefusedNamingIt() {
        assertThat(ServiceLevelPolicy.violations("s", new SeverityTargets(Duration.ofMinutes(15), Duration.ofHours(4),
                null))).extracting(Violation::field).containsExactly("s.calendar");
    }

    @Test
    void aTriageLongerThanItsResolutionIsRefused() {
        assertThat(ServiceLevelPolicy.violations("s", targets("PT5H", "PT4H"))).extracting(Violation::message)
                .containsExactly("must not be longer than the resolution target");
    }

    @Test
    void aTestPhaseClockKeepsItsSeveritysDurationInTheTestPhaseCalendar() {
        SeverityTargets live = new SeverityTargets(Duration.ofMinutes(15), Duration.ofHours(4),
                CalendarKind.TWENTY_FOUR_SEVEN);
        Map<Integer, SeverityTargets> all = Map.of(1, live, 2, live, 3, live, 4, live, 5, live);
        ServiceLevelPolicy policy = new ServiceLevelPolicy(all, CalendarKind.SERVICE_HOURS);
        assertThat(policy.target(ClockKind.TRIAGE, Phase.TEST, 1))
                .isEqualTo(new Target(Duration.ofMinutes(15), CalendarKind.SERVICE_HOURS));
        assertThat(policy.target(ClockKind.RESOLUTION, Phase.LIVE, 1))
                .isEqualTo(new Target(Duration.ofHours(4), CalendarKind.TWENTY_FOUR_SEVEN));
        assertThat(policy.bySeverity().keySet()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aWholeSetNamesEachSeverityMissingOrUnknown() {
        SeverityTargets fine = targets("PT15M", "PT4H");
        assertThat(ServiceLevelPolicy.violations(Map.of(1, fine, 2, fine, 3, fine, 4, fine, 5, fine))).isEmpty();
        assertThat(ServiceLevelPolicy.violations(Map.of(1, fine, 2, fine, 3, targets("PT5H", "PT4H"), 5, fine,
                7, fine))).extracting(Violation::field)
                .containsExactly("severity 3.triage", "severity 4", "severity 7");
    }
}
