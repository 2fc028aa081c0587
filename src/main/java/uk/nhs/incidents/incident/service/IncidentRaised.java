package uk.nhs.incidents.incident.service;

import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.party.data.Deployment;

/** An incident was created on a deployment; observed synchronously, so what observers write commits with it. */
public record IncidentRaised(Incident incident, Deployment deployment) {
}
