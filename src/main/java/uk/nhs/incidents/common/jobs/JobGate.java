package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Lets a background job stop cleanly with the service. Once the gate is closed no run starts, and a run in progress
 * sees {@link #closed()}, takes on nothing more and records what it did; {@link JobGates} closes every gate and waits
 * for those runs, so their records are written before the datasource goes. Without this, what a job had sent but not
 * yet recorded when the instance stopped was sent again once its claim lapsed: each deployment sent some emails and
 * webhook deliveries twice.
 */
public final class JobGate {

    private volatile boolean closed;
    private int running;

    /** Runs {@code job} on this thread unless the gate is closed; returns what it returned, empty when it did not run. */
    public <T> Optional<T> run(Supplier<T> job) {
        if (!enter()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(job.get());
        } finally {
            leave();
        }
    }

    /**
     * Starts {@code job} on {@code executor} unless the gate is closed, counting it as running from now, so that a
     * stop beginning before the executor picks it up still waits for it; empty when it was not started. What it returns
     * is a copy: cancelling it cannot keep the job from running and being counted out.
     */
    public <T> Optional<CompletableFuture<T>> start(Supplier<T> job, Executor executor) {
        if (!enter()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(() -> {
                try {
                    return job.get();
                } finally {
                    leave();
                }
            }, executor).copy());
        } catch (RejectedExecutionException e) {
            leave();
            return Optional.empty();
        }
    }

    /**
     * A batch for {@link Batches} that takes nothing once the gate is closed (handles none, so the loop ends) and
     * otherwise runs {@code batch}.
     */
    public IntSupplier unlessClosed(IntSupplier batch) {
        return () -> closed ? 0 : batch.getAsInt();
    }

    /** Whether the service is stopping: a run stops taking on work. */
    public boolean closed() {
        return closed;
    }

    /** Closes the gate: no run starts after this. */
    synchronized void close() {
        closed = true;
    }

    /** Waits up to {@code bound} for the runs in progress to end; returns whether they all did. */
    synchronized boolean awaitIdle(Duration bound) throws InterruptedException {
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
