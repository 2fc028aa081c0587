package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.common.text.TextRules;
import uk.nhs.incidents.incident.service.ClinicalReview;

@Schema(name = "ClinicalReviewRequest", description = "A Clinical Safety Officer's review of a safety incident")
public record ClinicalReviewRequest(
        @Schema(description = "The outcome of the review") @NotBlank @Size(max = 2000) @MultiLine String outcome,
        @Schema(description = "Reference of the entry in the hazard log / safety incident management log")
        @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.NO_FORMAT_CHARACTERS,
                message = "must not contain invisible format characters (bidirectional controls, which show it in "
                        + "another order than it is, zero-width spaces, byte order marks), which match no search")
        String hazardLogReference) {

    public ClinicalReview toClinicalReview() {
        return new ClinicalReview(outcome, hazardLogReference);
    }
}
