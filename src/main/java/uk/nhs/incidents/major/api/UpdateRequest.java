package uk.nhs.incidents.major.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;

@Schema(name = "MajorIncidentUpdateRequest")
public record UpdateRequest(
        @Schema(description = "The update, sent by email to every organisation that reports or owns an incident "
                + "linked, and written into each incident's conversation: nothing that identifies a patient")
        @NotBlank @Size(max = 2000) @MultiLine String body) {
}
