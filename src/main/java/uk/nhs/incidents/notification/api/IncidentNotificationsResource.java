package uk.nhs.incidents.notification.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageParameters;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.notification.service.NotificationLedger;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.OnIncidents;

@Path("/api/v1/incidents/{id}/notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@OnIncidents
public class IncidentNotificationsResource {

    private final NotificationLedger ledger;
    private final CurrentCaller caller;

    IncidentNotificationsResource(NotificationLedger ledger, CurrentCaller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listIncidentNotifications",
            summary = "Every notification about this incident, oldest first: recipient, event, status, attempts")
    public Page<NotificationResponse> forIncident(@RestPath long id, @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(ledger.forIncident(id, request, caller.get()).orElseThrow(() -> new NotFoundException(
                "No incident " + id + " in your scope.")), request, n -> Cursor.of(n.createdAt, n.id),
                NotificationResponse::of);
    }
}
