package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Outcomes a job keeps to record together, one commit for many: handed to {@code record} when the first kept has
 * waited {@code every}, and whenever the job flushes (at the end of its batch, before recording anything that must
 * come after them). A job that dies loses at most what it kept, which its at-least-once delivery sends again.
 */
public final class RecordedTogether<T> {

    private final Duration every;
    private final Consumer<List<T>> record;
    private final List<T> kept = new ArrayList<>();
    private Instant firstKeptAt;

    public RecordedTogether(Duration every, Consumer<List<T>> record) {
        this.every = every;
        this.record = record;
    }

    /** Keeps an outcome reached at {@code at}, recording all kept if the first has waited long enough. */
    public void add(T outcome, Instant at) {
        if (kept.isEmpty()) {
            firstKeptAt = at;
        }
        kept.add(outcome);
        flushIfDue(at);
    }

    /** Records all kept if the first has waited {@code every} by {@code now}. */
    public void flushIfDue(Instant now) {
        if (!kept.isEmpty() && !firstKeptAt.plus(every).isAfter(now)) {
            flush();
        }
    }

    /**
     * How long from {@code now} until what is kept is due to be recorded, for a job that waits meanwhile (on a peer
     * slow to answer) to wake for it; empty while nothing is kept.
     */
    public Optional<Duration> dueIn(Instant now) {
        return kept.isEmpty() ? Optional.empty() : Optional.of(Duration.between(now, firstKeptAt.plus(every)));
    }

    /** Records what is kept, if anything, and forgets it. */
    public void flush() {
        if (!kept.isEmpty()) {
            List<T> outcomes = List.copyOf(kept);
            kept.clear();
            record.accept(outcomes);
        }
    }
}
