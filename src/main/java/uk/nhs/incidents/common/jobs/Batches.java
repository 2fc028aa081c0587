package uk.nhs.incidents.common.jobs;

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
}
