package uk.nhs.incidents.party.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.party.domain.OrganisationType;

@Schema(name = "OrganisationRequest", description = "An organisation and its contacts")
public record OrganisationRequest(
        @Schema(description = "ODS code: 1-9 upper-case letters and digits", examples = "A81001")
        @NotNull @Pattern(regexp = "^[A-Z0-9]{1,9}$", message = "must be 1-9 upper-case letters and digits")
        String odsCode,
        @NotBlank @Size(max = 200) String name,
        @NotNull OrganisationType type,
        @Schema(description = "Mailbox that receives incident notifications")
        @NotBlank @Email @Size(max = 254) String incidentMailbox,
        @Schema(description = "Clinical Safety Officer's mailbox; left out (or null) where the organisation has none, "
                + "and its CSO is then written to at the incident mailbox")
        @Email @Size(min = 1, max = 254, message = "must be 1-254 characters: leave it out for none")
        String csoMailbox) {
}
