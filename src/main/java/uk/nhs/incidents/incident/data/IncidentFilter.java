package uk.nhs.incidents.incident.data;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import uk.nhs.incidents.sla.domain.ClockState;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;

/** The list filters of the API (docs/domain.md); each is optional and they combine with AND. */
public record IncidentFilter(
        Optional<IncidentStatus> status,
        Optional<Boolean> open,
        Optional<Phase> phase,
        Optional<Integer> severity,
        Optional<Long> deploymentId,
        Optional<String> supplier,
        Optional<String> externalReference,
        Optional<String> supplierReference,
        Optional<Instant> updatedSince,
        Optional<ClockState> slaState) {

    /** Whether no filter is given. */
    public boolean isEmpty() {
        return Stream.of(status, open, phase, severity, deploymentId, supplier, externalReference, supplierReference,
                updatedSince, slaState).allMatch(Optional::isEmpty);
    }
}
