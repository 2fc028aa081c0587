package uk.nhs.incidents.incident.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.data.ClockFacts;
import uk.nhs.incidents.sla.service.ThresholdCrossed;
import uk.nhs.incidents.sla.service.WaitOverdue;

/**
 * The history entries of service-level events: thresholds crossed and reminders of long waits. They are the
 * service levels' doing, not the doing of whoever's change crossed a threshold, so they are attributed to the
 * sweep's system actor, wherever they were found: everyone concerned, the party that made the change included,
 * hears of them.
 */
final class ServiceLevelEntries {

    /** The system actor of service-level events. */
    static final Caller ACTOR = Caller.system("service-level-sweep");

    private ServiceLevelEntries() {
    }

    static List<HistoryEntry> thresholds(List<ThresholdCrossed> crossed) {
        return crossed.stream().map(ServiceLevelEntries::threshold).toList();
    }

    static HistoryEntry threshold(ThresholdCrossed crossed) {
        HistoryAction action = crossed.threshold() == ThresholdCrossed.Threshold.WARNING ? HistoryAction.SLA_WARNING
                : HistoryAction.SLA_BREACH;
        String clock = crossed.clock().name();
        return HistoryRecorder.entry(crossed.incidentId(), ACTOR, crossed.at(), action, clock, null, crossed.dueAt(),
                "The " + clock.toLowerCase(Locale.ROOT) + " clock reached " + crossed.threshold().percent()
                        + " of its target; due " + crossed.dueAt());
    }

    /** A resolution clock a reopening started afresh, as it stood, because the phase changed while it was stopped. */
    static HistoryEntry restartedOnReopening(ClockFacts ended, Caller caller, Instant now) {
        String clock = ended.kind().name();
        return HistoryRecorder.entry(ended.incidentId(), caller, now, HistoryAction.SLA_CLOCK_RESTARTED, clock,
                ended.calendar() + " clock, target " + Duration.ofSeconds(ended.targetSeconds()) + ", started "
                        + ended.startedAt() + ", stopped " + ended.stoppedAt() + ", " + ended.state(),
                "started " + now, "Reopened after a change of phase while resolved: the "
                        + clock.toLowerCase(Locale.ROOT) + " clock starts afresh under the incident's phase now");
    }

    static HistoryEntry reminder(WaitOverdue overdue) {
        return HistoryRecorder.entry(overdue.incidentId(), ACTOR, overdue.at(), HistoryAction.WAITING_REMINDER,
                "waitingOn", overdue.since(), overdue.waitingOn(), "Waiting on " + overdue.waitingOn()
                        + " for information since " + overdue.since() + " (reminder " + overdue.reminder() + ")");
    }
}
