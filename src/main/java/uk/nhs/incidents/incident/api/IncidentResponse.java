package uk.nhs.incidents.incident.api;

import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.problem.NotFoundException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.EntityTag;
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
        @Schema(description = "ODS code of the party accountable for incident management") String accountable,
        @Schema(description = "While AWAITING_INFO: whom it waits on, why, and the state it returns to") Waiting waiting,
        Instant resolvedAt,
        Instant closedAt,
        @Schema(description = "The Clinical Safety Officer's review, once recorded") ClinicalReview clinicalReview,
        Instant createdAt,
        Instant updatedAt) {

    public record Reporter(String organisation, String user) {
    }

    public record Waiting(String on, String reason, IncidentStatus returnsTo) {
    }

    public record ClinicalReview(String outcome, String hazardLogReference, String reviewer, String reviewerOrganisation,
            Instant reviewedAt) {
    }

    static IncidentResponse of(Incident i) {
        return new IncidentResponse(i.id, i.reference, i.deploymentId, i.supplier, i.provider, i.icb,
                new Reporter(i.reporterOrganisation, i.reporterUser), i.phase, i.status, i.severity, i.impact,
                i.urgency, i.clinicalSafety, i.nationalComponentSuspected, i.title, i.description, i.occurredAt,
                i.externalReference, i.correlationId, i.accountable,
                i.waitingOn == null ? null : new Waiting(i.waitingOn, i.waitingReason, i.awaitingReturnStatus),
                i.resolvedAt, i.closedAt,
                i.reviewedAt == null ? null : new ClinicalReview(i.reviewOutcome, i.reviewHazardLogReference,
                        i.reviewedBy, i.reviewerOrganisation, i.reviewedAt),
                i.createdAt, i.updatedAt);
    }

    /** 200 with the incident and its ETag, or the 404 problem when it is absent or out of the caller's scope. */
    static RestResponse<IncidentResponse> withETag(Optional<Incident> incident, long id) {
        Incident found = incident.orElseThrow(() -> new NotFoundException("No incident " + id + " in your scope."));
        return RestResponse.ResponseBuilder.ok(of(found)).header(HttpHeaders.ETAG, etag(found)).build();
    }

    static String etag(Incident i) {
        return EntityTag.of(i.version);
    }
}
