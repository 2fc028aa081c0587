package uk.nhs.incidents.major.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.vocabulary.ResolutionCode;

@Schema(name = "MajorIncidentResolutionRequest")
public record ResolutionRequest(
        @Schema(description = "How the outage was resolved: any code but DUPLICATE") @NotNull
        ResolutionCode resolutionCode,
        @Schema(description = "A short summary of the resolution, given to every incident resolved with it")
        @NotBlank @Size(max = 2000) @MultiLine String summary) {
}
