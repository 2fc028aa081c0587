package uk.nhs.incidents.incident.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.routing.api.RoutingResponse;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.sla.api.ServiceLevelsResponse;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;

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
        @Schema(description = "The supplier's own reference (its ticket number), set by the supplier")
        String supplierReference,
        @Schema(description = "BaRS X-Correlation-Id of the failed transaction") UUID correlationId,
        @Schema(description = "BaRS X-Request-Id of the failed message (not this API's own X-Request-Id header)")
        UUID barsRequestId,
        @Schema(description = "ODS code of the party accountable for incident management") String accountable,
        @Schema(description = "While AWAITING_INFO: whom it waits on, why, and the state it returns to") Waiting waiting,
        Instant resolvedAt,
        @Schema(description = "While resolved or closed: how it was resolved") Resolution resolution,
        Instant closedAt,
        @Schema(description = "The major incident it is linked to, if any") Named majorIncident,
        @Schema(description = "The Clinical Safety Officer's review, once recorded") ClinicalReview clinicalReview,
        @Schema(description = "A live BaRS incident: when the Service Desk involved the BaRS programme, if it has "
                + "(POST /api/v1/incidents/{id}/bars-programme-involvement)") Instant barsProgrammeInvolvedAt,
        RoutingResponse routing,
        @Schema(description = "The triage and resolution clocks") ServiceLevelsResponse sla,
        Instant createdAt,
        Instant updatedAt) {

    public record Reporter(String organisation, String user) {
    }

    public record Waiting(String on, String reason, IncidentStatus returnsTo) {
    }

    @Schema(name = "NamedRecord", description = "Another incident, or a major incident (/api/v1/major-incidents/{id})")
    public record Named(long id, String reference) {
    }

    @Schema(name = "Resolution")
    public record Resolution(
            @Schema(description = "FIXED, WORKAROUND, CONFIGURATION, THIRD_PARTY, NO_FAULT_FOUND, USER_ERROR or "
                    + "DUPLICATE; UNSPECIFIED for a resolution recorded before resolution codes") String code,
            String summary,
            @Schema(description = "Resolved as DUPLICATE: the incident that carries on, of the same organisation")
            Named duplicateOf,
            @Schema(description = "Resolved with a WORKAROUND: when the fix that followed was made") Instant fixedAt,
            @Schema(description = "What the fix was") String fixSummary) {

        static Resolution of(Incident i) {
            if (i.resolvedAt == null) {
                return null;
            }
            return new Resolution(i.resolutionCodeShown(), i.resolutionSummary,
                    i.duplicateOfId == null ? null : new Named(i.duplicateOfId, i.duplicateOfReference), i.fixedAt,
                    i.fixSummary);
        }
    }

    public record ClinicalReview(String outcome, String hazardLogReference, String reviewer, String reviewerOrganisation,
            Instant reviewedAt) {
    }

    static IncidentResponse of(Incident i, Routing routing, Map<ClockKind, ClockView> clocks) {
        return new IncidentResponse(i.id, i.reference, i.deploymentId, i.supplier, i.provider, i.icb,
                new Reporter(i.reporterOrganisation, i.reporterUser), i.phase, i.status, i.severity, i.impact,
                i.urgency, i.clinicalSafety, i.nationalComponentSuspected, i.title, i.description, i.occurredAt,
                i.externalReference, i.supplierReference, i.correlationId, i.barsRequestId, i.accountable,
                i.waitingOn == null ? null : new Waiting(i.waitingOn, i.waitingReason, i.awaitingReturnStatus),
                i.resolvedAt, Resolution.of(i), i.closedAt,
                i.majorIncidentId == null ? null : new Named(i.majorIncidentId, i.majorIncidentReference),
                i.reviewedAt == null ? null : new ClinicalReview(i.reviewOutcome, i.reviewHazardLogReference,
                        i.reviewedBy, i.reviewerOrganisation, i.reviewedAt),
                i.barsProgrammeInvolvedAt,
                RoutingResponse.of(routing == null ? null : routing.withoutFormer(i.provider, i.icb)),
                ServiceLevelsResponse.of(clocks), i.createdAt, i.updatedAt);
    }
}
