package uk.nhs.incidents.evidence.service;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches a thread reading a request body and interrupts it once nothing has arrived for the idle timeout: a
 * blocking read from the request then fails (InterruptedIOException) and the upload can be answered with a 408.
 * The thread's interrupt flag is cleared again when the watch finishes.
 */
final class IdleCut {

    private final Thread reader = Thread.currentThread();
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private long lastActivity = System.nanoTime();
    private boolean finished;
    private boolean cut;

    private IdleCut(ScheduledExecutorService scheduler, Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, timeout.toMillis() / 4);
        this.check = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching the calling thread. */
    static IdleCut watch(ScheduledExecutorService scheduler, Duration timeout) {
        return new IdleCut(scheduler, timeout);
    }

    synchronized void activity() {
        lastActivity = System.nanoTime();
    }

    synchronized boolean isCut() {
        return cut;
    }

    /** Stops watching; @return whether the read was cut. Must run on the reading thread. */
    boolean finish() {
        check.cancel(false);
        boolean wasCut;
        synchronized (this) {
            finished = true;
            wasCut = cut;
        }
        if (wasCut) {
            Thread.interrupted();
        }
        return wasCut;
    }

    private synchronized void check() {
        if (!finished && System.nanoTime() - lastActivity > timeoutNanos) {
            cut = true;
            finished = true;
            reader.interrupt();
        }
    }
}
