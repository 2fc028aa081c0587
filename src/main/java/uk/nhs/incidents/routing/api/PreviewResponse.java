package uk.nhs.incidents.routing.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.sla.api.ServiceLevelsResponse;

@Schema(name = "RoutingPreview")
public record PreviewResponse(int severity, RoutingResponse routing, ServiceLevelsResponse sla) {
}
