package uk.nhs.incidents.major.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.major.service.NewMajorIncident;

@Schema(name = "MajorIncidentRequest", description = "One outage that many incidents report")
public record MajorIncidentRequest(
        @Schema(examples = "BaRS proxy not forwarding referrals") @NotBlank @Size(max = 200) String title,
        @Schema(description = "What is known of the outage; every party of its incidents reads it")
        @NotBlank @Size(max = 20000) @MultiLine String summary,
        @Schema(description = "ODS code of the supplier whose platform failed; none for a national component. A "
                + "supplier declares for its own platform: itself, or left out")
        @Pattern(regexp = "^[A-Z0-9]{1,9}$", message = "must be an ODS code") String supplier) {

    NewMajorIncident toNewMajorIncident() {
        return new NewMajorIncident(title, summary, Optional.ofNullable(supplier));
    }
}
