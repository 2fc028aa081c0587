package uk.nhs.incidents.major.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.major.data.MajorIncident;
import uk.nhs.incidents.major.domain.MajorIncidentStatus;
import uk.nhs.incidents.major.service.MajorIncidents;
import uk.nhs.incidents.vocabulary.ResolutionCode;

@Schema(name = "MajorIncident", description = "One outage that many incidents report, handled as one")
public record MajorIncidentResponse(
        long id,
        @Schema(examples = "MAJ-2026-0007") String reference,
        String title,
        String summary,
        MajorIncidentStatus status,
        @Schema(description = "ODS code of the supplier whose platform failed; absent for a national component")
        String supplier,
        Actor declaredBy,
        Instant createdAt,
        @Schema(description = "How many incidents are linked; which, only those who see it whole list "
                + "(/api/v1/major-incidents/{id}/incidents)") long incidents,
        @Schema(description = "Once resolved") Resolution resolution) {

    /** A person or system and its organisation. */
    @Schema(name = "MajorIncidentActor")
    public record Actor(String user, String organisation) {
    }

    @Schema(name = "MajorIncidentResolution")
    public record Resolution(ResolutionCode code, String summary, Actor resolvedBy, Instant resolvedAt) {
    }

    static MajorIncidentResponse of(MajorIncidents.Viewed viewed) {
        MajorIncident m = viewed.majorIncident();
        return new MajorIncidentResponse(m.id, m.reference, m.title, m.summary, m.status, m.supplier,
                new Actor(m.createdByUser, m.createdByOrganisation), m.createdAt, viewed.incidents(),
                m.resolvedAt == null ? null : new Resolution(m.resolutionCode, m.resolutionSummary,
                        new Actor(m.resolvedByUser, m.resolvedByOrganisation), m.resolvedAt));
    }
}
