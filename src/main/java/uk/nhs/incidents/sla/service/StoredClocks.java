package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.sla.data.ClockFacts;
import uk.nhs.incidents.sla.data.SlaPause;
import uk.nhs.incidents.sla.domain.ClockState;
import uk.nhs.incidents.sla.domain.ServiceLevelClock;

/** Reads a stored clock and its pauses as the domain clock, as a view for the API, or as the outcome of a stop. */
@ApplicationScoped
class StoredClocks {

    private final Calendars calendars;

    StoredClocks(Calendars calendars) {
        this.calendars = calendars;
    }

    ServiceLevelClock domain(ClockFacts clock, List<SlaPause> pauses) {
        return new ServiceLevelClock(clock.startedAt(), Duration.ofSeconds(clock.targetSeconds()),
                calendars.of(clock.calendar()),
                counted(clock, pauses).map(p -> new ServiceLevelClock.Pause(p.startedAt, p.endedAt)).toList(),
                clock.stoppedAt());
    }

    ClockView view(ClockFacts clock, List<SlaPause> pauses, Instant now) {
        ServiceLevelClock domain = domain(clock, pauses);
        if (clock.ended()) {
            // As it was judged and counted: a bank-holiday file loaded since would move its instants and its
            // counted time, not what it showed as it ended. Ended before the time was kept, it is worked out now.
            return view(clock, pauses, clock.state(), clock.warningAt(), clock.dueAt(),
                    Objects.requireNonNullElseGet(clock.counted(), () -> domain.elapsed(now)),
                    Objects.requireNonNullElseGet(clock.paused(), () -> domain.paused(now)));
        }
        return view(clock, pauses, domain.state(now), domain.warningAt().orElse(null), domain.dueAt().orElse(null),
                domain.elapsed(now), domain.paused(now));
    }

    private static ClockView view(ClockFacts clock, List<SlaPause> pauses, ClockState state, Instant warningAt,
            Instant dueAt, Duration elapsed, Duration paused) {
        return new ClockView(Duration.ofSeconds(clock.targetSeconds()), clock.calendar(), clock.startedAt(),
                warningAt, dueAt, clock.stoppedAt(), state, elapsed, paused,
                // A wait carried over to a clock a phase change started is shown from that start, as it is counted.
                counted(clock, pauses).map(p -> new ClockView.PauseView(p.kind, p.waitingOn,
                        Timestamps.latest(p.startedAt, clock.startedAt()), p.endedAt)).toList());
    }

    /**
     * How a stopped clock ended, as its calendar counted it, for the service-level record: the time it kept as it
     * stopped, which its incident shows too.
     */
    ClockStopped stop(ClockFacts clock, List<SlaPause> pauses) {
        ServiceLevelClock domain = domain(clock, pauses);
        return new ClockStopped(clock.incidentId(), clock.kind(), clock.stoppedAt(),
                Duration.ofSeconds(clock.targetSeconds()),
                Objects.requireNonNullElseGet(clock.counted(), () -> domain.elapsed(clock.stoppedAt())),
                clock.state() == ClockState.MET,
                counted(clock, pauses).map(p -> new ClockStopped.PausedTime(p.kind, p.waitingOn,
                        domain.paused(new ServiceLevelClock.Pause(p.startedAt, p.endedAt), clock.stoppedAt()))).toList());
    }

    /** The pauses of the clock since it (re)started: one restarted by a phase change keeps its earlier rows. */
    private static Stream<SlaPause> counted(ClockFacts clock, List<SlaPause> pauses) {
        return pauses.stream().filter(p -> p.endedAt == null || p.endedAt.isAfter(clock.startedAt()));
    }
}
