package uk.nhs.incidents.incident.service;

import java.time.OffsetDateTime;
import java.util.UUID;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * An incident as its reporter describes it, well-formed but not yet checked against the deployments, the caller's
 * reach or the clock: what {@link RaiseService} raises.
 */
public record NewIncident(long deploymentId, Phase phase, Integer severity, Integer impact, Integer urgency,
        boolean clinicalSafety, boolean nationalComponentSuspected, String title, String description,
        OffsetDateTime occurredAt, String externalReference, UUID correlationId, UUID barsRequestId) {
}
