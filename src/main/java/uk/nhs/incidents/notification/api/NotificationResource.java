package uk.nhs.incidents.notification.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.notification.service.NotificationLedger;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/notifications")
@Tag(name = "Notifications", description = "Emails to the parties routing names, and their delivery")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class NotificationResource {

    /** How many failed notifications were put back in the queue. */
    public record Requeued(int count) {
    }

    private final NotificationLedger ledger;

    NotificationResource(NotificationLedger ledger) {
        this.ledger = ledger;
    }

    @POST
    @Path("/{notificationId}/retry")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "The notification, queued again")
    @APIResponse(responseCode = "409", description = "The notification has not failed")
    @Operation(operationId = "retryNotification", summary = "Retry a failed notification (admin)")
    public NotificationResponse retry(@RestPath long notificationId) {
        return ledger.retry(notificationId).map(NotificationResponse::of)
                .orElseThrow(() -> new NotFoundException("No notification " + notificationId + "."));
    }

    @POST
    @Path("/failed/retry")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "retryFailedNotifications", summary = "Retry every failed notification (admin)")
    public Requeued retryAllFailed() {
        return new Requeued(ledger.retryAllFailed());
    }
}
