package uk.nhs.incidents.evidence.service;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches a thread reading a request body and interrupts it once nothing has arrived for the idle timeout, or once,
 * that long after the start, the body has arrived slower on average than the minimum rate: a blocking read from the
 * request then fails (InterruptedIOException) and the upload can be answered with a 408. The thread's interrupt flag
 * is cleared again when the watch finishes.
 */
final class IdleCut {

    /** Why a read was cut. */
    enum Reason { IDLE, TOO_SLOW }

    private final Thread reader = Thread.currentThread();
    private final long timeoutNanos;
    private final long minBytesPerSecond;
    private final ScheduledFuture<?> check;
    private final long started = System.nanoTime();
    private long lastActivity = started;
    private long received;
    private boolean finished;
    private Reason cut;

    private IdleCut(ScheduledExecutorService scheduler, Duration timeout, long minBytesPerSecond) {
        this.timeoutNanos = timeout.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        long period = checkPeriod(timeout).toMillis();
        this.check = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** A quarter of the timeout, and at most a second: a stalled upload is cut within a second of its timeout. */
    static Duration checkPeriod(Duration timeout) {
        return Duration.ofMillis(Math.max(10, Math.min(1000, timeout.toMillis() / 4)));
    }

    /** The longest a read can wait before a watch with this timeout cuts it: the timeout, then up to one check. */
    static Duration latestCut(Duration timeout) {
        return timeout.plus(checkPeriod(timeout));
    }

    /** Starts watching the calling thread. */
    static IdleCut watch(ScheduledExecutorService scheduler, Duration timeout, long minBytesPerSecond) {
        return new IdleCut(scheduler, timeout, minBytesPerSecond);
    }

    synchronized void activity(int bytes) {
        lastActivity = System.nanoTime();
        received += bytes;
    }

    synchronized boolean isCut() {
        return cut != null;
    }

    /** Stops watching; @return why the read was cut, or null. Must run on the reading thread. */
    Reason finish() {
        check.cancel(false);
        Reason wasCut;
        synchronized (this) {
            finished = true;
            wasCut = cut;
        }
        if (wasCut != null) {
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

    private synchronized void check() {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        cut = verdict(now - started, now - lastActivity, received, timeoutNanos, minBytesPerSecond);
        if (cut != null) {
            finished = true;
            reader.interrupt();
        }
    }
}
