package uk.nhs.incidents.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.webhook.data.WebhookSubscription;
import uk.nhs.incidents.webhook.service.WebhookSubscriptions.WithSecret;

@Schema(name = "Webhook", description = "An organisation's webhook subscription")
public record WebhookResponse(long id, String organisation, String url, List<String> events,
        @Schema(description = "False once the service disabled it after failing for too long") boolean enabled,
        @Schema(description = "The signing secret (whsec_...), only in the answer that registers the webhook or "
                + "rotates its secret: store it then, it is never shown again")
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
        @Schema(description = "Until when the secret replaced by the last rotation also signs")
        Instant previousSecretExpiresAt,
        @Schema(description = "Since when every attempt has failed, tried at least as often as retries are (a "
                + "failure after a longer silence counts from itself); absent after a success") Instant failingSince,
        @Schema(description = "The last failed attempt") Instant lastFailedAt, Instant lastDeliveredAt, Instant disabledAt, String disabledReason, Instant createdAt, String createdBy) {

    static WebhookResponse of(WebhookSubscription s) {
        return of(s, null);
    }

    static WebhookResponse of(WithSecret registered) {
        return of(registered.subscription(), registered.secret());
    }

    private static WebhookResponse of(WebhookSubscription s, String secret) {
        return new WebhookResponse(s.id, s.organisation, s.url, s.events, s.isEnabled(), secret,
                s.previousSecretExpiresAt, s.failingSince, s.lastFailedAt, s.lastDeliveredAt, s.disabledAt, s.disabledReason,
                s.createdAt, s.createdBy);
    }
}
