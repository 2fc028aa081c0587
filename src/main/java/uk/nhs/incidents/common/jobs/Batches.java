package uk.nhs.incidents.common.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

/** The loop every batch job runs: batch after batch while they come back full, as a full one may leave more due. */
public final class Batches {

    private Batches() {
    }

    /** Runs {@code batch} until it handles fewer than {@code size}; returns how many all the batches handled. */
    public static int untilShort(IntSupplier batch, int size) {
        int total = 0;
        int handled;
        do {
            handled = batch.getAsInt();
            total += handled;
        } while (handled >= size);
        return total;
    }

    /**
     * Runs {@code loops} such loops at once, this thread's and the others' on {@code executor}, for a batch whose rows
     * are claimed so that no two batches take the same (SKIP LOCKED); returns how many they all handled. It returns
     * only once every loop started has ended, so no batch outlives the run; the first failure is thrown, the others'
     * added to it as suppressed.
     */
    public static int concurrently(IntSupplier batch, int size, int loops, Executor executor) {
        List<CompletableFuture<Integer>> others = new ArrayList<>();
        Throwable failure = null;
        int total = 0;
        try {
            for (int loop = 1; loop < loops; loop++) {
                others.add(CompletableFuture.supplyAsync(() -> untilShort(batch, size), executor));
            }
            total = untilShort(batch, size);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (CompletableFuture<Integer> other : others) {
            try {
                total += other.join();
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new CompletionException(failure);
        }
        return total;
    }
}
