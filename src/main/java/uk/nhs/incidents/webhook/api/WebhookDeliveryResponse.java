package uk.nhs.incidents.webhook.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.webhook.data.WebhookDelivery;
import uk.nhs.incidents.webhook.domain.DeliveryStatus;

@Schema(name = "WebhookDelivery", description = "One event sent to one webhook, and its attempts")
public record WebhookDeliveryResponse(
        @Schema(description = "Also the webhook-id header of every attempt") long id,
        @Schema(description = "The event type, e.g. incident.status_changed") String event, long incidentId,
        @Schema(description = "The incident's event number, increasing in the order its changes happened")
        long sequence, DeliveryStatus status, int attempts,
        @Schema(description = "The HTTP status of the last answer; absent when there was none") Integer lastStatus,
        String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {

    static WebhookDeliveryResponse of(WebhookDelivery d) {
        return new WebhookDeliveryResponse(d.id, d.event, d.incidentId, d.sequence, d.status, d.attempts, d.lastStatus,
                d.lastError, d.lastAttemptAt, d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null,
                d.deliveredAt, d.createdAt);
    }
}
