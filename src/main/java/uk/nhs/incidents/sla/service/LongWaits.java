package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.sla.data.ClockRepository;
import uk.nhs.incidents.sla.data.SlaPause;

/**
 * A resolution clock paused for information is never left paused in silence: past
 * {@code incidents.sla.waiting-reminder-after} working days the resolver, the accountable party and the organisation
 * waited on are reminded, and again each further such period while the incident still waits.
 */
@ApplicationScoped
public class LongWaits {

    private final ClockRepository clocks;
    private final Calendars calendars;
    private final SlaConfig config;

    LongWaits(ClockRepository clocks, Calendars calendars, SlaConfig config) {
        this.clocks = clocks;
        this.calendars = calendars;
        this.config = config;
    }

    /** When a wait that starts at {@code start} is first reminded. */
    Instant firstReminder(Instant start) {
        return afterLimit(start);
    }

    /**
     * Takes one batch of waits past the limit, locked, and schedules each one's next reminder; returns the reminders
     * due, for the caller to record and send in the same transaction.
     */
    public List<WaitOverdue> remind(Instant now) {
        List<ClockRepository.LongWait> due = clocks.lockDueReminders(now, config.sweep().batchSize());
        return due.stream().map(wait -> {
            SlaPause pause = wait.pause();
            pause.reminders++;
            pause.reminderDueAt = nextAfter(pause.reminderDueAt, now);
            return new WaitOverdue(wait.incidentId(), pause.waitingOn, pause.startedAt, pause.reminders, now);
        }).toList();
    }

    /**
     * The reminder after the one due at {@code due}, a period on from it rather than from when a sweep took it, so
     * that reminders do not drift; a period a stopped service missed altogether is not told again, one reminder
     * telling the wait as well as several.
     */
    private Instant nextAfter(Instant due, Instant now) {
        Instant next = afterLimit(due);
        while (!next.isAfter(now)) {
            next = afterLimit(next);
        }
        return next;
    }

    private Instant afterLimit(Instant from) {
        return calendars.serviceHours().plusWorkingDaysOfService(from, config.waitingReminderAfter());
    }
}
