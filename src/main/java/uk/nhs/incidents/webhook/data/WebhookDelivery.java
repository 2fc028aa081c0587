package uk.nhs.incidents.webhook.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;
import uk.nhs.incidents.webhook.domain.DeliveryStatus;

/**
 * One event for one subscription: the outbox row, written in the transaction of the change, and its record of
 * attempts. Its id is the {@code webhook-id} receivers see, the same on every retry and redelivery. Written by
 * {@link WebhookDeliveryRepository#insertAll}.
 */
@Entity
@Table(name = "webhook_delivery")
@DynamicUpdate
public class WebhookDelivery {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "subscription_id")
    public long subscriptionId;

    @Column(name = "incident_id")
    public long incidentId;

    @Column(name = "history_id")
    public long historyId;

    /** The event's type, e.g. {@code incident.status_changed}. */
    public String event;

    /** The incident's event number, increasing in the order its changes committed. */
    public long sequence;

    /** The body as sent and signed. */
    public String payload;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    /** The HTTP status of the last answer; none when there was no answer (timeout, refused connection). */
    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
