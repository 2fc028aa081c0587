package uk.nhs.incidents.party.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IcbSupportRequest",
        description = "The ICB's decision, made before the practice's contract, whether it supports the practice")
public record IcbSupportRequest(
        @Schema(description = "true: the ICB agreed to support the practice; false: it did not", required = true)
        @NotNull Boolean agreed) {
}
