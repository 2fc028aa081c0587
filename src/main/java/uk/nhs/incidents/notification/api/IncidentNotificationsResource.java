package uk.nhs.incidents.notification.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.notification.service.NotificationLedger;
import uk.nhs.incidents.security.CurrentCaller;

@Path("/api/v1/incidents/{id}/notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class IncidentNotificationsResource {

    private final NotificationLedger ledger;
    private final CurrentCaller caller;

    IncidentNotificationsResource(NotificationLedger ledger, CurrentCaller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every notification about this incident: recipient, event, status, attempts")
    public List<NotificationResponse> forIncident(@RestPath long id) {
        return ledger.forIncident(id, caller.get()).orElseThrow(() -> new NotFoundException(
                "No incident " + id + " in your scope.")).stream().map(NotificationResponse::of).toList();
    }
}
