package uk.nhs.incidents.routing.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.vocabulary.Phase;

@Schema(name = "RoutingPreviewRequest", description = "A hypothetical incident; nothing is created")
public record PreviewRequest(
        @NotNull Long deploymentId,
        @NotNull Phase phase,
        @Min(1) @Max(5) Integer severity,
        @Min(1) @Max(5) Integer impact,
        @Min(1) @Max(5) Integer urgency,
        boolean clinicalSafety,
        boolean nationalComponentSuspected,
        @Schema(description = "As if raised at this instant; now when absent") OffsetDateTime raisedAt) {
}
