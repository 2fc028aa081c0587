package uk.nhs.incidents.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.sla.domain.ServiceLevelClock.Pause;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy.SeverityTargets;
import uk.nhs.incidents.vocabulary.Phase;

/** Clocks on docs/domain.md's default targets, with exact expected instants worked out by hand. */
class ServiceLevelClockTest {

    private static final ServiceHours SERVICE_HOURS;
    private static final Calendar ALWAYS = new TwentyFourSeven();
    private static final ServiceLevelPolicy POLICY = new ServiceLevelPolicy(Map.of(
            1, new SeverityTargets(Duration.ofMinutes(15), Duration.ofHours(4), CalendarKind.TWENTY_FOUR_SEVEN),
            2, new SeverityTargets(Duration.ofMinutes(30), Duration.ofHours(8), CalendarKind.TWENTY_FOUR_SEVEN),
            3, new SeverityTargets(Duration.ofHours(4), Duration.ofHours(40), CalendarKind.SERVICE_HOURS),
            4, new SeverityTargets(Duration.ofHours(10), Duration.ofHours(120), CalendarKind.SERVICE_HOURS),
            5, new SeverityTargets(Duration.ofHours(20), Duration.ofHours(240), CalendarKind.SERVICE_HOURS)),
            CalendarKind.SERVICE_HOURS);

    static {
        InputStream json = ServiceLevelClockTest.class.getClassLoader().getResourceAsStream("calendar/bank-holidays.json");
        SERVICE_HOURS = ServiceHours.englandAndWales(BankHolidays.parse(json, BankHolidays.ENGLAND_AND_WALES));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static ServiceLevelClock clock(ClockKind kind, Phase phase, int severity, String start, List<Pause> pauses,
            String stoppedAt) {
        Target target = POLICY.target(kind, phase, severity);
        Calendar calendar = target.calendar() == CalendarKind.SERVICE_HOURS ? SERVICE_HOURS : ALWAYS;
        return new ServiceLevelClock(at(start), target.duration(), calendar, pauses,
                stoppedAt == null ? null : at(stoppedAt));
    }

    private static ServiceLevelClock running(ClockKind kind, int severity, String start) {
        return clock(kind, Phase.LIVE, severity, start, List.of(), null);
    }

    @Test
    void severityThreeRaisedFridayAt1730CarriesOverTheWeekend() {
        // Friday 20 November 2026, 17:30 GMT: half an hour on Friday, the rest from Monday 08:00.
        assertThat(running(ClockKind.TRIAGE, 3, "2026-11-20T17:30:00Z").dueAt()).contains(at("2026-11-23T11:30:00Z"));
        assertThat(running(ClockKind.TRIAGE, 3, "2026-11-20T17:30:00Z").warningAt()).contains(at("2026-11-23T10:30:00Z"));
        // 40 h: Fri 0.5 + Mon 10 + Tue 10 + Wed 10 + Thu 9.5 -> Thursday 17:30.
        assertThat(running(ClockKind.RESOLUTION, 3, "2026-11-20T17:30:00Z").dueAt()).contains(at("2026-11-26T17:30:00Z"));
    }

    @Test
    void christmasAndTheSubstituteBoxingDayAreNotServiceHours() {
        // Thu 24 Dec 16:00: 2 h; Fri 25 holiday; weekend; Mon 28 substitute Boxing Day; Tue 29 08:00 + 8 h.
        assertThat(running(ClockKind.TRIAGE, 4, "2026-12-24T16:00:00Z").dueAt()).contains(at("2026-12-29T16:00:00Z"));
    }

    @Test
    void easterFridayAndMondayAreNotServiceHours() {
        // Thu 2 Apr 2026 16:00 BST (15:00Z): 2 h; Good Friday, weekend, Easter Monday; Tue 7 Apr 08:00 BST + 2 h.
        assertThat(running(ClockKind.TRIAGE, 3, "2026-04-02T15:00:00Z").dueAt()).contains(at("2026-04-07T09:00:00Z"));
    }

    @Test
    void theMarchClockChangeMovesServiceHoursAnHourEarlierInUtc() {
        // Fri 27 Mar 16:00 GMT: 2 h; Mon 30 Mar opens 08:00 BST = 07:00Z, + 8 h.
        assertThat(running(ClockKind.TRIAGE, 4, "2026-03-27T16:00:00Z").dueAt()).contains(at("2026-03-30T15:00:00Z"));
        // A 24x7 clock across the change counts real elapsed time: 4 h after 00:30 GMT is 04:30Z (05:30 BST).
        assertThat(running(ClockKind.RESOLUTION, 1, "2026-03-29T00:30:00Z").dueAt()).contains(at("2026-03-29T04:30:00Z"));
    }

    @Test
    void theOctoberClockChangeMovesServiceHoursAnHourLaterInUtc() {
        // Fri 23 Oct 16:00 BST (15:00Z): 2 h; Mon 26 Oct opens 08:00 GMT = 08:00Z, + 2 h.
        assertThat(running(ClockKind.TRIAGE, 3, "2026-10-23T15:00:00Z").dueAt()).contains(at("2026-10-26T10:00:00Z"));
        // 24x7 across the change: 8 h after Sat 24 Oct 22:00Z is Sun 25 Oct 06:00Z whatever the local clocks say.
        assertThat(running(ClockKind.RESOLUTION, 2, "2026-10-24T22:00:00Z").dueAt()).contains(at("2026-10-25T06:00:00Z"));
    }

    @Test
    void pausesSpanningNightsAreNeverCounted() {
        // Severity 3 from Mon 16 Nov 09:00. Unpaused, 40 h falls on Fri 20 Nov 09:00. Two pauses lose 10 service
        // hours: Mon 17:00-Tue 10:00 (1 h + 2 h) and Wed 12:00-Thu 09:00 (6 h + 1 h). 10 more hours: Fri 09:00-18:00
        // is 9, then 1 h on Monday 23 Nov.
        List<Pause> pauses = List.of(new Pause(at("2026-11-16T17:00:00Z"), at("2026-11-17T10:00:00Z")),
                new Pause(at("2026-11-18T12:00:00Z"), at("2026-11-19T09:00:00Z")));
        ServiceLevelClock clock = clock(ClockKind.RESOLUTION, Phase.LIVE, 3, "2026-11-16T09:00:00Z", pauses, null);
        assertThat(clock.dueAt()).contains(at("2026-11-23T09:00:00Z"));
        assertThat(clock.paused(at("2026-11-20T12:00:00Z"))).isEqualTo(Duration.ofHours(10));
        assertThat(clock.elapsed(at("2026-11-20T12:00:00Z"))).isEqualTo(Duration.ofHours(33));
    }

    @Test
    void anOpenPauseHoldsTheClockAndShowsNoDeadline() {
        List<Pause> pauses = List.of(new Pause(at("2026-11-16T11:00:00Z"), null));
        ServiceLevelClock clock = clock(ClockKind.RESOLUTION, Phase.LIVE, 3, "2026-11-16T09:00:00Z", pauses, null);
        assertThat(clock.dueAt()).isEmpty();
        assertThat(clock.state(at("2026-11-18T12:00:00Z"))).isEqualTo(ClockState.PAUSED);
        assertThat(clock.elapsed(at("2026-11-18T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aReopenedIncidentResumesItsClockInsteadOfRestarting() {
        // Severity 2, 8 h 24x7: raised 10:00, resolved 14:00 (4 h, met), reopened 20:00; the 6 h resolved are not
        // counted, so the remaining 4 h run out at midnight.
        ServiceLevelClock resolved = clock(ClockKind.RESOLUTION, Phase.LIVE, 2, "2026-11-16T10:00:00Z", List.of(),
                "2026-11-16T14:00:00Z");
        assertThat(resolved.state(at("2026-11-16T15:00:00Z"))).isEqualTo(ClockState.MET);
        ServiceLevelClock reopened = clock(ClockKind.RESOLUTION, Phase.LIVE, 2, "2026-11-16T10:00:00Z",
                List.of(new Pause(at("2026-11-16T14:00:00Z"), at("2026-11-16T20:00:00Z"))), null);
        assertThat(reopened.dueAt()).contains(at("2026-11-17T00:00:00Z"));
        assertThat(reopened.state(at("2026-11-16T21:00:00Z"))).isEqualTo(ClockState.RUNNING);
        assertThat(reopened.state(at("2026-11-16T23:00:00Z"))).isEqualTo(ClockState.AT_RISK);
        assertThat(reopened.state(at("2026-11-17T00:00:00Z"))).isEqualTo(ClockState.BREACHED);
    }

    @Test
    void severityOneDowngradedToThreeRecomputesFromTheOriginalStart() {
        // Raised Mon 16 Nov 10:00 at severity 1 (15 min); changed to 3 at 10:10: 4 service hours from 10:00.
        assertThat(running(ClockKind.TRIAGE, 1, "2026-11-16T10:00:00Z").dueAt()).contains(at("2026-11-16T10:15:00Z"));
        ServiceLevelClock triage = running(ClockKind.TRIAGE, 3, "2026-11-16T10:00:00Z");
        assertThat(triage.dueAt()).contains(at("2026-11-16T14:00:00Z"));
        assertThat(triage.state(at("2026-11-16T10:20:00Z"))).isEqualTo(ClockState.RUNNING);
        // 40 h: Mon 8 + Tue 10 + Wed 10 + Thu 10 + Fri 2 -> Fri 20 Nov 10:00.
        assertThat(running(ClockKind.RESOLUTION, 3, "2026-11-16T10:00:00Z").dueAt()).contains(at("2026-11-20T10:00:00Z"));
    }

    @Test
    void severityFourRaisedToTwoIsAlreadyBreachedWhenItsTighterTargetHasPassed() {
        // Raised Fri 20 Nov 17:00 at severity 4; raised to 2 on Saturday 10:00: 30 min and 8 h of 24x7 time
        // from Friday 17:00 ran out at 17:30 and 01:00.
        ServiceLevelClock triage = running(ClockKind.TRIAGE, 2, "2026-11-20T17:00:00Z");
        assertThat(triage.dueAt()).contains(at("2026-11-20T17:30:00Z"));
        assertThat(triage.state(at("2026-11-21T10:00:00Z"))).isEqualTo(ClockState.BREACHED);
        assertThat(running(ClockKind.RESOLUTION, 2, "2026-11-20T17:00:00Z").dueAt()).contains(at("2026-11-21T01:00:00Z"));
    }

    @Test
    void aTestPhaseSeverityOneRunsOnServiceHours() {
        // Saturday 21 Nov 12:00: no service hours until Monday 08:00.
        ServiceLevelClock triage = clock(ClockKind.TRIAGE, Phase.TEST, 1, "2026-11-21T12:00:00Z", List.of(), null);
        assertThat(triage.dueAt()).contains(at("2026-11-23T08:15:00Z"));
        ServiceLevelClock resolution = clock(ClockKind.RESOLUTION, Phase.TEST, 1, "2026-11-21T12:00:00Z", List.of(), null);
        assertThat(resolution.dueAt()).contains(at("2026-11-23T12:00:00Z"));
        assertThat(triage.state(at("2026-11-22T23:00:00Z"))).isEqualTo(ClockState.RUNNING);
    }

    @Test
    void aClockStoppedAfterItsDeadlineIsBreachedAndBeforeItIsMet() {
        assertThat(clock(ClockKind.TRIAGE, Phase.LIVE, 1, "2026-11-16T10:00:00Z", List.of(), "2026-11-16T10:15:00Z")
                .state(at("2026-11-17T00:00:00Z"))).isEqualTo(ClockState.MET);
        assertThat(clock(ClockKind.TRIAGE, Phase.LIVE, 1, "2026-11-16T10:00:00Z", List.of(), "2026-11-16T10:16:00Z")
                .state(at("2026-11-17T00:00:00Z"))).isEqualTo(ClockState.BREACHED);
    }

    @Test
    void aServiceHoursClockStoppedTheEveningAfterItsDeadlineIsBreachedAsItWasWhileRunning() {
        // Severity 4 raised Saturday 21 Nov: 10 service hours from Monday 08:00 run out at Monday 18:00, and no more
        // time is counted until Tuesday 08:00, so counted time alone cannot tell 19:00 from 17:59.
        String raised = "2026-11-21T10:00:00Z";
        ServiceLevelClock running = running(ClockKind.TRIAGE, 4, raised);
        assertThat(running.dueAt()).contains(at("2026-11-23T18:00:00Z"));
        assertThat(running.state(at("2026-11-23T18:30:00Z"))).isEqualTo(ClockState.BREACHED);
        assertThat(clock(ClockKind.TRIAGE, Phase.LIVE, 4, raised, List.of(), "2026-11-23T19:00:00Z")
                .state(at("2026-11-24T12:00:00Z"))).isEqualTo(ClockState.BREACHED);
        assertThat(clock(ClockKind.TRIAGE, Phase.LIVE, 4, raised, List.of(), "2026-11-23T18:00:00Z")
                .state(at("2026-11-24T12:00:00Z"))).isEqualTo(ClockState.MET);
        assertThat(clock(ClockKind.TRIAGE, Phase.LIVE, 4, raised, List.of(), "2026-11-23T17:59:00Z")
                .state(at("2026-11-24T12:00:00Z"))).isEqualTo(ClockState.MET);
    }

    @Test
    void aClockStoppedWhilePausedShortOfItsTargetIsMet() {
        // Severity 2 resolution (8 h, 24x7) from Mon 10:00, waiting from 12:00, resolved at 20:00 still waiting.
        ServiceLevelClock resolution = clock(ClockKind.RESOLUTION, Phase.LIVE, 2, "2026-11-16T10:00:00Z",
                List.of(new Pause(at("2026-11-16T12:00:00Z"), null)), "2026-11-16T20:00:00Z");
        assertThat(resolution.state(at("2026-11-17T00:00:00Z"))).isEqualTo(ClockState.MET);
    }

    @Nested
    class ServiceHoursBetween {

        @Test
        void countsOnlyTheWindowsOfWorkingDays() {
            // Fri 17:00 to Mon 09:00: 1 h Friday, 1 h Monday.
            assertThat(SERVICE_HOURS.between(at("2026-11-20T17:00:00Z"), at("2026-11-23T09:00:00Z")))
                    .isEqualTo(Duration.ofHours(2));
        }

        @Test
        void aBankHolidayCountsNothing() {
            assertThat(SERVICE_HOURS.between(at("2026-12-25T00:00:00Z"), at("2026-12-26T00:00:00Z")))
                    .isEqualTo(Duration.ZERO);
        }

        @Test
        void aWorkingDayInSummerTimeIsStillTenHours() {
            assertThat(SERVICE_HOURS.between(at("2026-06-01T00:00:00Z"), at("2026-06-02T00:00:00Z")))
                    .isEqualTo(Duration.ofHours(10));
        }

        @Test
        void daysFarFromTheListedYearsCountLikeAnyOther() {
            // The shipped holidays list 2019 to 2028; 2008 and 2009 lie beyond the days whose windows are kept, and
            // list no holiday: New Year's Day 2009, a Thursday, counts as a working day.
            assertThat(SERVICE_HOURS.between(at("2008-12-29T00:00:00Z"), at("2009-01-05T00:00:00Z")))
                    .isEqualTo(Duration.ofHours(50));
            assertThat(SERVICE_HOURS.plus(at("2008-12-31T17:00:00Z"), Duration.ofHours(3)))
                    .isEqualTo(at("2009-01-01T10:00:00Z"));
            assertThat(SERVICE_HOURS.between(at("2038-12-27T00:00:00Z"), at("2039-01-03T00:00:00Z")))
                    .as("across the last day kept").isEqualTo(Duration.ofHours(50));
        }
    }
}
