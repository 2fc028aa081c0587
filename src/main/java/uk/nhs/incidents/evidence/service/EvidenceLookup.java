package uk.nhs.incidents.evidence.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import uk.nhs.incidents.evidence.data.Evidence;
import uk.nhs.incidents.evidence.data.EvidenceRepository;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.security.Caller;

/**
 * Finds one piece of evidence as every use of it does: its incident in the caller's reading scope, and the
 * evidence that incident's. Either missing is the same to the caller: no such evidence (404).
 */
@ApplicationScoped
class EvidenceLookup {

    /** The evidence and the incident it belongs to, whose parts decide what the caller may do with it. */
    record Found(Incident incident, Evidence evidence) {
    }

    private final IncidentRepository incidents;
    private final EvidenceRepository records;

    EvidenceLookup(IncidentRepository incidents, EvidenceRepository records) {
        this.incidents = incidents;
        this.records = records;
    }

    Optional<Found> find(long incidentId, long evidenceId, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller)).flatMap(incident -> records
                .findOnIncident(incident.id, evidenceId).map(evidence -> new Found(incident, evidence)));
    }
}
