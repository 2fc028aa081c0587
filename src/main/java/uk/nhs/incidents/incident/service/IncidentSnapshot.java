package uk.nhs.incidents.incident.service;

import java.util.Map;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;

/**
 * An incident with its deployment's name ({@code null} for a deployment that cannot be found), routing and clocks,
 * as the change that wrote them holds them.
 */
public record IncidentSnapshot(Incident incident, String deploymentName, Routing routing,
        Map<ClockKind, ClockView> clocks) {
}
