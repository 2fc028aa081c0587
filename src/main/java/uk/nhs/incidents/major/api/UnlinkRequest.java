package uk.nhs.incidents.major.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;

@Schema(name = "UnlinkIncidentRequest")
public record UnlinkRequest(
        @Schema(description = "Why the incident is not about this outage after all") @NotBlank @Size(max = 2000)
        @MultiLine String reason) {
}
