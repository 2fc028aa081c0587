package uk.nhs.incidents.incident.api;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.IncidentStatus;
import uk.nhs.incidents.incident.domain.Phase;

@Schema(name = "Incident")
public record IncidentResponse(
        long id,
        @Schema(examples = "INC-2026-000042") String reference,
        long deploymentId,
        @Schema(description = "ODS code of the supplier") String supplier,
        @Schema(description = "ODS code of the provider or practice") String provider,
        @Schema(description = "ODS code of the ICB") String icb,
        Reporter reporter,
        Phase phase,
        IncidentStatus status,
        int severity,
        Integer impact,
        Integer urgency,
        boolean clinicalSafety,
        boolean nationalComponentSuspected,
        String title,
        String description,
        Instant occurredAt,
        String externalReference,
        UUID correlationId,
        Instant createdAt,
        Instant updatedAt) {

    public record Reporter(String organisation, String user) {
    }

    static IncidentResponse of(Incident i) {
        return new IncidentResponse(i.id, i.reference, i.deploymentId, i.supplier, i.provider, i.icb,
                new Reporter(i.reporterOrganisation, i.reporterUser), i.phase, i.status, i.severity, i.impact,
                i.urgency, i.clinicalSafety, i.nationalComponentSuspected, i.title, i.description, i.occurredAt,
                i.externalReference, i.correlationId, i.createdAt, i.updatedAt);
    }

    static String etag(Incident i) {
        return "\"" + i.version + "\"";
    }
}
