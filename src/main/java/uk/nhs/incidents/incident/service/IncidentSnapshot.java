package uk.nhs.incidents.incident.service;

import java.util.Map;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;

/** An incident with its deployment, routing and clocks, as the change that wrote them holds them. */
public record IncidentSnapshot(Incident incident, Deployment deployment, Routing routing,
        Map<ClockKind, ClockView> clocks) {
}
