package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many sends a job's run has under way at once: one until the run has lasted a while (as long as its interval,
 * say), then its full concurrency. Sending is work that can wait, and a run that sends flat out takes both cores of
 * a small instance at each tick, delaying every request meanwhile: at 120 raises/s the raises' p99 was a median 59 ms
 * with each run's emails eight at a time, 46 ms paced so, and 25 ms with none sent (bench/README.md). A run that ends
 * within that while has kept up; one that lasts longer is behind (a backlog, or a relay slow to answer, which one at
 * a time would wait out email by email) and sends the rest at full concurrency.
 */
public final class RunPace {

    private final LongSupplier nanoTime;
    private final long started;
    private final long unhurried;
    private final int concurrency;

    RunPace(Duration unhurried, int concurrency, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.unhurried = unhurried.toNanos();
        this.concurrency = concurrency;
    }

    /** A run starting now, one at a time for {@code unhurried}. */
    public static RunPace starting(Duration unhurried, int concurrency) {
        return new RunPace(unhurried, concurrency, System::nanoTime);
    }

    /** Full concurrency from the start: a batch sent on its own, outside any scheduled run. */
    public static RunPace hurried(int concurrency) {
        return new RunPace(Duration.ZERO, concurrency, System::nanoTime);
    }

    /** How many sends may be under way now. */
    public int atOnce() {
        return untilHurriedNanos() > 0 ? 1 : concurrency;
    }

    /**
     * How long until the run is behind and may have its full concurrency under way: zero once it is. A run waiting
     * for its one send waits no longer than this, so that a send held up (a relay slow to answer) holds the run
     * only until then.
     */
    public Duration untilHurried() {
        return Duration.ofNanos(Math.max(0, untilHurriedNanos()));
    }

    private long untilHurriedNanos() {
        return unhurried - (nanoTime.getAsLong() - started);
    }
}
