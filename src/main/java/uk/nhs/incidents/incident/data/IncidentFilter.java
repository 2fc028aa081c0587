package uk.nhs.incidents.incident.data;

import java.time.Instant;
import java.util.Optional;
import uk.nhs.incidents.incident.domain.IncidentStatus;
import uk.nhs.incidents.incident.domain.Phase;
import uk.nhs.incidents.sla.domain.ClockState;

/** The list filters of the API (docs/domain.md); each is optional and they combine with AND. */
public record IncidentFilter(
        Optional<IncidentStatus> status,
        Optional<Boolean> open,
        Optional<Phase> phase,
        Optional<Integer> severity,
        Optional<Long> deploymentId,
        Optional<String> supplier,
        Optional<String> externalReference,
        Optional<Instant> updatedSince,
        Optional<ClockState> slaState) {
}
