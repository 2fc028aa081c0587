package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;

@Schema(name = "InvolvementRequest", description = "Why the National Service Desk involves the BaRS programme")
public record InvolvementRequest(
        @Schema(description = "Why the BaRS team is needed; recorded in the incident's history, which it reads")
        @NotBlank @Size(max = 2000) @MultiLine String reason) {
}
