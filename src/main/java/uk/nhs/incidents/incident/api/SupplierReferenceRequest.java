package uk.nhs.incidents.incident.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SupplierReferenceRequest")
public record SupplierReferenceRequest(
        @Schema(description = "The supplier's own reference (its ticket number), unique among the supplier's "
                + "incidents; null clears it, and it must be given either way (a body without it is refused, so a "
                + "client that leaves it out clears nothing)", examples = "CS0012345", nullable = true)
        @JsonProperty(required = true)
        @Size(max = ReferenceText.MAX_LENGTH) @Pattern(regexp = ReferenceText.PATTERN, message = ReferenceText.MESSAGE)
        String supplierReference) {
}
