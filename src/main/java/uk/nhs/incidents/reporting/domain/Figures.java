package uk.nhs.incidents.reporting.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a service-level report.
 *
 * @param raised incidents raised in the period
 * @param triage triage clocks that stopped in the period
 * @param resolution resolutions in the period, the last of each incident where it was reopened and resolved again
 * @param reopened of those resolutions, the ones that followed a reopening
 * @param pausedOn time the counted resolutions' clocks were paused, in their calendars, by the organisation type
 *     waited on, or {@code RESOLVED} before a reopening
 * @param open incidents raised in the period and open now
 * @param atRisk of those, the ones with a running clock past its warning threshold and not yet breached
 * @param openBreached of those, the ones with a running or paused clock already breached
 */
public record Figures(long raised, Outcomes triage, Outcomes resolution, long reopened,
        Map<String, Long> pausedOn, long open, long atRisk, long openBreached) {

    public static final Figures NONE = new Figures(0, Outcomes.NONE, Outcomes.NONE, 0, Map.of(), 0, 0, 0);

    public Figures {
        // sorted, so that JSON and CSV list the parties in the same order every time
        pausedOn = Collections.unmodifiableSortedMap(new TreeMap<>(pausedOn));
    }

    public Figures withRaised(long count) {
        return new Figures(count, triage, resolution, reopened, pausedOn, open, atRisk, openBreached);
    }

    public Figures withTriage(Outcomes outcomes) {
        return new Figures(raised, outcomes, resolution, reopened, pausedOn, open, atRisk, openBreached);
    }

    public Figures withResolution(Outcomes outcomes, long reopenedCount, Map<String, Long> pausedBy) {
        return new Figures(raised, triage, outcomes, reopenedCount, pausedBy, open, atRisk, openBreached);
    }

    /** All the time the counted resolutions' clocks were paused. */
    public long pausedSeconds() {
        return pausedOn.values().stream().mapToLong(Long::longValue).sum();
    }

    public Figures withOpen(long openCount, long atRiskCount, long breachedCount) {
        return new Figures(raised, triage, resolution, reopened, pausedOn, openCount, atRiskCount,
                breachedCount);
    }
}
