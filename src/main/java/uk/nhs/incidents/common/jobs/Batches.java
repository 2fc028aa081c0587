package uk.nhs.incidents.common.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

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
     * only once every loop has ended, so no batch outlives the run; the first failure is thrown, the others' added
     * to it as suppressed.
     */
    public static int concurrently(IntSupplier batch, int size, int loops, Executor executor) {
        List<CompletableFuture<Integer>> others = Stream
                .generate(() -> CompletableFuture.supplyAsync(() -> untilShort(batch, size), executor))
                .limit(loops - 1L).toList();
        RuntimeException failure = null;
        int total = 0;
        try {
            total = untilShort(batch, size);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Integer> other : others) {
            try {
                total += other.join();
            } catch (RuntimeException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException inner ? inner : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }
}
