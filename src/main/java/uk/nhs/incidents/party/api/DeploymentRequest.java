package uk.nhs.incidents.party.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;

@Schema(name = "DeploymentRequest", description = "One supplier's system at one provider or GP practice")
public record DeploymentRequest(
        @NotBlank @Size(max = 200) String systemName,
        @Schema(description = "ODS code of the SUPPLIER")
        @NotNull @Pattern(regexp = ODS, message = ODS_MESSAGE) String supplier,
        @Schema(description = "ODS code of the PROVIDER or PRACTICE using the system")
        @NotNull @Pattern(regexp = ODS, message = ODS_MESSAGE) String provider,
        @Schema(description = "ODS code of the ICB")
        @NotNull @Pattern(regexp = ODS, message = ODS_MESSAGE) String icb,
        @NotNull Programme programme,
        @NotNull ProcurementRoute procurementRoute,
        @Schema(nullable = true, description = "PRACTICE route only: the ICB agreed before contract to support the "
                + "practice. Omitted (or null): false for a new deployment; an edit keeps the decision recorded while "
                + "the deployment stays with its ICB and practice on the PRACTICE route, and leaves it false otherwise")
        Boolean icbSupportAgreed) {

    static final String ODS = "^[A-Z0-9]{1,9}$";
    static final String ODS_MESSAGE = "must be an ODS code: 1-9 upper-case letters and digits";
}
