package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Lets a background job stop cleanly with the service. Once the gate is closed no run starts, and a run in progress
 * sees {@link #closed()}, takes on nothing more and records what it did. {@link #close} waits for that run, so its
 * records are written before the datasource goes. Without this, the emails a dispatcher had sent but not yet recorded
 * when the instance stopped were sent again once their claim lapsed: each deployment sent some emails twice.
 */
public final class JobGate {

    private volatile boolean closed;
    private int running;

    /** Runs {@code job} unless the gate is closed; returns what it returned, or 0 when it did not run. */
    public int run(IntSupplier job) {
        if (!enter()) {
            return 0;
        }
        try {
            return job.getAsInt();
        } finally {
            leave();
        }
    }

    /** Whether the service is stopping: a run stops taking on work. */
    public boolean closed() {
        return closed;
    }

    /**
     * Closes the gate and waits up to {@code bound} for the runs in progress to end; returns whether they all did.
     */
    public synchronized boolean close(Duration bound) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + bound.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    private synchronized void leave() {
        running--;
        notifyAll();
    }
}
