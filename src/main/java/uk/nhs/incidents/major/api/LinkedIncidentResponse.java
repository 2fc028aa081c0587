package uk.nhs.incidents.major.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;

@Schema(name = "LinkedIncident", description = "An incident linked to a major incident; read it at "
        + "/api/v1/incidents/{id} when it is in your scope")
public record LinkedIncidentResponse(long id, String reference, String title, Phase phase, IncidentStatus status,
        int severity, @Schema(description = "ODS code of the supplier") String supplier,
        @Schema(description = "ODS code of the provider or practice") String provider,
        @Schema(description = "ODS code of the organisation that raised it") String reporter,
        @Schema(description = "Once resolved: its code (UNSPECIFIED when recorded before codes)")
        String resolutionCode) {

    static LinkedIncidentResponse of(Incident i) {
        return new LinkedIncidentResponse(i.id, i.reference, i.title, i.phase, i.status, i.severity, i.supplier,
                i.provider, i.reporterOrganisation, i.resolutionCodeShown());
    }
}
