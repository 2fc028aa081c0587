package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.incident.service.StatusChanges;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.ResolutionCode;

@Schema(name = "TransitionRequest")
public record TransitionRequest(
        @NotNull IncidentStatus to,
        @Schema(description = "Why; required to cancel, to wait for information and to reopen. To resolve: the "
                + "resolution's short summary, required but for a DUPLICATE")
        @Size(min = 1, max = 2000, message = "must be 1-2000 characters (leave it out for none)") @MultiLine
        String reason,
        @Schema(description = "AWAITING_INFO only: ODS code of the organisation the incident waits on")
        @Pattern(regexp = "^[A-Z0-9]{1,9}$", message = "must be an ODS code") String waitingOn,
        @Schema(description = "RESOLVED only, and required there: how it was resolved") ResolutionCode resolutionCode,
        @Schema(description = "RESOLVED as DUPLICATE only, and required there: the id of the incident this one "
                + "duplicates, raised by the same organisation on the same provider's or practice's deployments")
        Long duplicateOf) {

    StatusChanges.Move toMove() {
        return new StatusChanges.Move(to, reason, waitingOn, resolutionCode, duplicateOf);
    }
}
