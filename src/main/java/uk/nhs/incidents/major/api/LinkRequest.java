package uk.nhs.incidents.major.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LinkIncidentRequest")
public record LinkRequest(@Schema(description = "The id of the incident to link") @NotNull Long incidentId) {
}
