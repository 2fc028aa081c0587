package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.incident.service.Fix;

@Schema(name = "FixRequest", description = "The fix that followed a WORKAROUND resolution")
public record FixRequest(
        @Schema(description = "What the fix was") @NotBlank @Size(max = 2000) @MultiLine String summary,
        @Schema(description = "When it was made: between the resolution and now; now when left out")
        OffsetDateTime fixedAt) {

    Fix toFix() {
        return new Fix(summary, Optional.ofNullable(fixedAt).map(OffsetDateTime::toInstant));
    }
}
