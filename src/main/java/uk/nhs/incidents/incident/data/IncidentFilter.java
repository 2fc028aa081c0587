package uk.nhs.incidents.incident.data;

import java.time.Instant;
import java.util.Optional;
import uk.nhs.incidents.incident.domain.IncidentStatus;
import uk.nhs.incidents.incident.domain.Phase;

/** The list filters of API.md; each is optional and they combine with AND. */
public record IncidentFilter(
        Optional<IncidentStatus> status,
        Optional<Phase> phase,
        Optional<Integer> severity,
        Optional<Long> deploymentId,
        Optional<String> supplier,
        Optional<String> externalReference,
        Optional<Instant> updatedSince) {

    public static IncidentFilter none() {
        return new IncidentFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
