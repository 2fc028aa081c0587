package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.common.text.MultiLine;

@Schema(name = "TransitionRequest")
public record TransitionRequest(
        @NotNull IncidentStatus to,
        @Schema(description = "Why; required to cancel, to wait for information and to reopen")
        @Size(max = 2000) @MultiLine String reason,
        @Schema(description = "AWAITING_INFO only: ODS code of the organisation the incident waits on")
        @Pattern(regexp = "^[A-Z0-9]{1,9}$", message = "must be an ODS code") String waitingOn) {
}
