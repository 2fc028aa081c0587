package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.incident.service.Reclassification;

@Schema(name = "ReclassifyRequest", description = "Give at least one of severity, phase and clinicalSafety, and why")
public record ReclassifyRequest(
        @Min(1) @Max(5) Integer severity,
        Phase phase,
        Boolean clinicalSafety,
        @NotBlank @Size(max = 2000) @MultiLine String reason) {

    public Reclassification toReclassification() {
        return new Reclassification(severity, phase, clinicalSafety, reason);
    }
}
