package uk.nhs.incidents.notification.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.notification.data.Notification;

@Schema(name = "Notification", description = "One email to one recipient about one change")
public record NotificationResponse(long id,
        @Schema(description = "Absent for a notice about no incident (a disabled webhook)") Long incidentId, String event, String recipientOrganisation,
        String recipientEmail, String subject, Notification.Status status, int attempts, String lastError,
        Instant nextAttemptAt, Instant sentAt, Instant createdAt) {

    static NotificationResponse of(Notification n) {
        return new NotificationResponse(n.id, n.incidentId, n.event, n.recipientOrganisation, n.recipientEmail,
                n.subject, n.status, n.attempts, n.lastError, n.nextAttemptAt, n.sentAt, n.createdAt);
    }
}
