package uk.nhs.incidents.incident.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.sla.service.ThresholdCrossed;
import uk.nhs.incidents.sla.service.WaitOverdue;
import uk.nhs.incidents.vocabulary.Phase;

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
                        + " of its target; " + due(crossed));
    }

    /** A clock paused has no deadline: a change can put its warning in the past while it waits. */
    private static String due(ThresholdCrossed crossed) {
        return crossed.dueAt() != null ? "due " + crossed.dueAt()
                : "paused, so due once the wait ends, with the rest of its target";
    }

    /**
     * The history keeps a clock started afresh beside the one it replaces, each as it stood, with its outcome: by a
     * phase change, or by a reopening after one ({@code endedIn} then unknown: the clock does not keep its phase).
     */
    static HistoryEntry restarted(ServiceLevels.Restarted restarted, Phase endedIn, Phase startedIn, Caller caller,
            Instant now, String reason) {
        return HistoryRecorder.entry(restarted.incidentId(), caller, now, HistoryAction.SLA_CLOCK_RESTARTED,
                restarted.kind().name(), describe(endedIn, restarted.ended()), describe(startedIn, restarted.started()),
                reason);
    }

    private static String describe(Phase phase, ClockView clock) {
        return (phase == null ? "" : phase + " ") + "clock, " + clock.calendar() + ", target " + clock.target()
                + ", started " + clock.startedAt() + (clock.dueAt() == null ? ", paused" : ", due " + clock.dueAt())
                + ", " + clock.state();
    }

    static HistoryEntry reminder(WaitOverdue overdue) {
        return HistoryRecorder.entry(overdue.incidentId(), ACTOR, overdue.at(), HistoryAction.WAITING_REMINDER,
                "waitingOn", overdue.since(), overdue.waitingOn(), "Waiting on " + overdue.waitingOn()
                        + " for information since " + overdue.since() + " (reminder " + overdue.reminder() + ")");
    }
}
