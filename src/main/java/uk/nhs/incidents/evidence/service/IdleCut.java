package uk.nhs.incidents.evidence.service;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches a transfer and cuts it once nothing has crossed for the idle timeout, or once, that long after the start,
 * it has crossed slower on average than the minimum rate. An upload's reading thread reports what it read, and is
 * interrupted: a blocking read from the request then fails (InterruptedIOException) and the upload can be answered
 * with a 408; the thread's interrupt flag is cleared again when the watch finishes. A download's progress is read
 * from what its answer has written, and its cut is the caller's ({@link DownloadPace}).
 */
final class IdleCut {

    /** Why a transfer was cut. */
    enum Reason { IDLE, TOO_SLOW }

    private final long timeoutNanos;
    private final long minBytesPerSecond;
    private final LongSupplier transferred;
    private final Consumer<Reason> cutter;
    private final Thread reader;
    private final ScheduledFuture<?> check;
    private final long started = System.nanoTime();
    private long lastActivity = started;
    private long received;
    private boolean finished;
    private Reason cut;

    private IdleCut(ScheduledExecutorService scheduler, Duration timeout, long minBytesPerSecond,
            LongSupplier transferred, Consumer<Reason> cutter, Thread reader) {
        this.timeoutNanos = timeout.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.transferred = transferred;
        this.cutter = cutter;
        this.reader = reader;
        long period = checkPeriod(timeout).toMillis();
        this.check = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** A quarter of the timeout, and at most a second: a stalled transfer is cut within a second of its timeout. */
    static Duration checkPeriod(Duration timeout) {
        return Duration.ofMillis(Math.max(10, Math.min(1000, timeout.toMillis() / 4)));
    }

    /** The longest a read can wait before a watch with this timeout cuts it: the timeout, then up to one check. */
    static Duration latestCut(Duration timeout) {
        return timeout.plus(checkPeriod(timeout));
    }

    /** Starts watching the calling thread, which reports what it reads ({@link #activity}). */
    static IdleCut watch(ScheduledExecutorService scheduler, Duration timeout, long minBytesPerSecond) {
        Thread reader = Thread.currentThread();
        return new IdleCut(scheduler, timeout, minBytesPerSecond, null, why -> reader.interrupt(), reader);
    }

    /** Starts watching a transfer whose bytes so far {@code transferred} tells; {@code cutter} cuts it. */
    static IdleCut polling(ScheduledExecutorService scheduler, Duration timeout, long minBytesPerSecond,
            LongSupplier transferred, Consumer<Reason> cutter) {
        return new IdleCut(scheduler, timeout, minBytesPerSecond, transferred, cutter, null);
    }

    synchronized void activity(long bytes) {
        lastActivity = System.nanoTime();
        received += bytes;
    }

    synchronized boolean isCut() {
        return cut != null;
    }

    /** Stops watching; @return why the transfer was cut, or null. For an upload, must run on the reading thread. */
    Reason finish() {
        check.cancel(false);
        Reason wasCut;
        synchronized (this) {
            finished = true;
            wasCut = cut;
        }
        if (wasCut != null && reader != null) {
            Thread.interrupted();
        }
        return wasCut;
    }

    /**
     * Whether a transfer is to be cut, and why: nothing has crossed for {@code timeoutNanos}, or, that long after its
     * start, fewer bytes than {@code minBytesPerSecond} on average; null while it is not.
     */
    static Reason verdict(long elapsedNanos, long idleNanos, long bytes, long timeoutNanos, long minBytesPerSecond) {
        if (idleNanos > timeoutNanos) {
            return Reason.IDLE;
        }
        return elapsedNanos > timeoutNanos && bytes < minBytesPerSecond * (elapsedNanos / 1e9) ? Reason.TOO_SLOW
                : null;
    }

    private void check() {
        Reason why;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (transferred != null) {
                long now = transferred.getAsLong();
                if (now > received) {
                    activity(now - received);
                }
            }
            long now = System.nanoTime();
            cut = verdict(now - started, now - lastActivity, received, timeoutNanos, minBytesPerSecond);
            if (cut == null) {
                return;
            }
            finished = true;
            why = cut;
        }
        check.cancel(false);
        cutter.accept(why);
    }
}
