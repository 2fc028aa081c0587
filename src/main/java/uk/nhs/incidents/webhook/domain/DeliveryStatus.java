package uk.nhs.incidents.webhook.domain;

/** Where a delivery stands: waiting to be sent (or sent again), received by the receiver, or given up. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
}
