package uk.nhs.incidents.sla.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One service-level clock: counted time runs in its calendar from {@code start}, except during pauses, until it
 * stops. Everything the API and the sweep show is derived here from those facts, so that a severity change, a
 * pause or a reopening recomputes from the original start instead of patching stored deadlines (a phase change
 * gives the clock a new start instead).
 *
 * @param pauses intervals not counted; the last may be open ({@code to == null}) while the clock is paused
 * @param stoppedAt when the clock stopped (triaged, resolved), or {@code null} while it runs
 */
public record ServiceLevelClock(Instant start, Duration target, Calendar calendar, List<Pause> pauses,
        Instant stoppedAt) {

    /** The share of the target at which a clock is at risk and a warning fires. */
    public static final double WARNING_FRACTION = 0.75;

    /** An interval in which the clock does not count. */
    public record Pause(Instant from, Instant to) {

        boolean isOpen() {
            return to == null;
        }
    }

    public ServiceLevelClock {
        pauses = pauses.stream().sorted(Comparator.comparing(Pause::from)).toList();
    }

    /** Counted time from the start until {@code at}, or until the clock stopped if earlier. */
    public Duration elapsed(Instant at) {
        Instant end = stoppedAt != null && stoppedAt.isBefore(at) ? stoppedAt : at;
        return calendar.between(start, end).minus(paused(end));
    }

    /** Calendar time lost to pauses between the start and {@code at}. */
    public Duration paused(Instant at) {
        return pauses.stream().map(pause -> paused(pause, at)).reduce(Duration.ZERO, Duration::plus);
    }

    /** Calendar time lost to one pause between the start and {@code at}. */
    public Duration paused(Pause pause, Instant at) {
        Instant from = later(pause.from(), start);
        Instant to = pause.isOpen() || pause.to().isAfter(at) ? at : pause.to();
        return calendar.between(from, to);
    }

    public Optional<Instant> dueAt() {
        return reaches(target);
    }

    public Optional<Instant> warningAt() {
        return reaches(Duration.ofMillis((long) (target.toMillis() * WARNING_FRACTION)));
    }

    /** When counted time reaches {@code amount}; empty while an open pause holds the clock short of it. */
    public Optional<Instant> reaches(Duration amount) {
        Instant at = start;
        Duration remaining = amount;
        for (Pause pause : pauses) {
            if (pause.from().isAfter(at)) {
                Instant candidate = calendar.plus(at, remaining);
                if (!candidate.isAfter(pause.from())) {
                    return Optional.of(candidate);
                }
                remaining = remaining.minus(calendar.between(at, pause.from()));
            }
            if (pause.isOpen()) {
                return Optional.empty();
            }
            at = later(at, pause.to());
        }
        return Optional.of(calendar.plus(at, remaining));
    }

    public boolean isPaused() {
        return stoppedAt == null && !pauses.isEmpty() && pauses.get(pauses.size() - 1).isOpen();
    }

    public ClockState state(Instant now) {
        if (stoppedAt != null) {
            // Judged against the deadline the clock showed, not counted time alone: a service-hours target that ran
            // out at 18:00 counts nothing more overnight, yet a clock stopped at 19:00 stopped after its deadline.
            return dueAt().filter(stoppedAt::isAfter).isPresent() ? ClockState.BREACHED : ClockState.MET;
        }
        Duration elapsed = elapsed(now);
        if (elapsed.compareTo(target) >= 0) {
            return ClockState.BREACHED;
        }
        if (isPaused()) {
            return ClockState.PAUSED;
        }
        return elapsed.toMillis() >= target.toMillis() * WARNING_FRACTION ? ClockState.AT_RISK : ClockState.RUNNING;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
