package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.incident.service.ClinicalReview;

@Schema(name = "ClinicalReviewRequest", description = "A Clinical Safety Officer's review of a safety incident")
public record ClinicalReviewRequest(
        @Schema(description = "The outcome of the review") @NotBlank @Size(max = 2000) @MultiLine String outcome,
        @Schema(description = "Reference of the entry in the hazard log / safety incident management log")
        @NotBlank @Size(max = 100) String hazardLogReference) {

    public ClinicalReview toClinicalReview() {
        return new ClinicalReview(outcome, hazardLogReference);
    }
}
