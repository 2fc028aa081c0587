package uk.nhs.incidents.sla.service;

/**
 * A batch of the service-level sweep in the current transaction: {@code STARTING} before its clocks are refreshed
 * (and their thresholds fired), {@code SWEPT} after. Observers may gather what the batch's thresholds cause and
 * finish it at {@code SWEPT}, still in the batch's transaction, reading what they need once for the whole batch.
 */
public record SweepBatch(Phase phase) {

    public enum Phase {
        STARTING,
        SWEPT
    }
}
