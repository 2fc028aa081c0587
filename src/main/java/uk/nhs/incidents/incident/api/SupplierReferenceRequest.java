package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SupplierReferenceRequest")
public record SupplierReferenceRequest(
        @Schema(description = "The supplier's own reference (its ticket number), unique among the supplier's "
                + "incidents; null clears it, and so does a body without it (the PUT replaces the reference)",
                examples = "CS0012345", nullable = true)
        @Size(max = ReferenceText.MAX_LENGTH) @Pattern(regexp = ReferenceText.PATTERN, message = ReferenceText.MESSAGE)
        String supplierReference) {
}
