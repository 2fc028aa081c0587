package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.service.ThresholdCrossed;
import uk.nhs.incidents.sla.service.WaitOverdue;

/** Writes history entries; called inside the transaction of the change they record, so both commit or neither. */
@ApplicationScoped
public class HistoryRecorder {

    private static final int MAX_VALUE = 2000;

    static final Caller SWEEP = new Caller("service-level-sweep", "SYSTEM", java.util.Set.of());

    private final Event<HistoryRecorded> recorded;

    HistoryRecorder(Event<HistoryRecorded> recorded) {
        this.recorded = recorded;
    }

    public HistoryEntry record(Incident incident, Caller caller, Instant at, HistoryAction action, String field, Object from,
            Object to, String reason) {
        return record(incident.id, caller, at, action, field, from, to, reason);
    }

    /** Records a change and tells observers (notifications) inside the same transaction. */
    public HistoryEntry record(long incidentId, Caller caller, Instant at, HistoryAction action, String field, Object from,
            Object to, String reason) {
        HistoryEntry entry = new HistoryEntry();
        entry.incidentId = incidentId;
        entry.occurredAt = at;
        entry.actorUser = caller.user();
        entry.actorOrganisation = caller.organisation();
        entry.action = action;
        entry.field = field;
        entry.fromValue = capped(from);
        entry.toValue = capped(to);
        entry.reason = capped(reason);
        entry.persist();
        recorded.fire(new HistoryRecorded(entry));
        return entry;
    }

    /** History columns hold 2000 characters; a longer value (a reason with its prefix) keeps its start. */
    private static String capped(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "\u2026";
    }

    /** Service-level warnings and breaches become history entries in the transaction that fires them. */
    void onThreshold(@Observes ThresholdCrossed crossed) {
        String percent = crossed.threshold() == ThresholdCrossed.Threshold.WARNING ? "75%" : "100%";
        HistoryAction action = crossed.threshold() == ThresholdCrossed.Threshold.WARNING ? HistoryAction.SLA_WARNING
                : HistoryAction.SLA_BREACH;
        record(crossed.incidentId(), SWEEP, crossed.at(), action, crossed.clock().name(),
                null, crossed.dueAt(), "The " + crossed.clock().name().toLowerCase() + " clock reached " + percent
                        + " of its target; due " + crossed.dueAt());
    }

    /** A long wait for information becomes a history entry, and so a reminder, in the transaction that finds it. */
    void onWaitOverdue(@Observes WaitOverdue overdue) {
        record(overdue.incidentId(), SWEEP, overdue.at(), HistoryAction.WAITING_REMINDER, "waitingOn", overdue.since(),
                overdue.waitingOn(), "Waiting on " + overdue.waitingOn() + " for information since " + overdue.since()
                        + " (reminder " + overdue.reminder() + ")");
    }
}
