package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.sla.data.ClockRepository;
import uk.nhs.incidents.sla.data.SlaPause;

/**
 * A resolution clock paused for information is never left paused in silence: past
 * {@code incidents.sla.waiting-reminder-after} working days the resolver and the accountable party are reminded,
 * and again each further such period while the incident still waits.
 */
@ApplicationScoped
public class LongWaits {

    private final ClockRepository clocks;
    private final Calendars calendars;
    private final SlaConfig config;
    private final Event<WaitOverdue> overdue;

    LongWaits(ClockRepository clocks, Calendars calendars, SlaConfig config, Event<WaitOverdue> overdue) {
        this.clocks = clocks;
        this.calendars = calendars;
        this.config = config;
        this.overdue = overdue;
    }

    /** When a wait that starts at {@code start} is first reminded. */
    Instant firstReminder(Instant start) {
        return afterLimit(start);
    }

    /**
     * Reminds of one batch of waits past the limit, each in the transaction that schedules its next reminder;
     * returns how many it reminded.
     */
    public int remind(Instant now) {
        List<ClockRepository.LongWait> due = clocks.lockDueReminders(now, config.sweep().batchSize());
        for (ClockRepository.LongWait wait : due) {
            SlaPause pause = wait.pause();
            pause.reminders++;
            pause.reminderDueAt = afterLimit(now);
            overdue.fire(new WaitOverdue(wait.incidentId(), pause.waitingOn, pause.startedAt, pause.reminders, now));
        }
        return due.size();
    }

    private Instant afterLimit(Instant from) {
        return calendars.serviceHours().plusWorkingDays(from, config.waitingReminderAfter());
    }
}
