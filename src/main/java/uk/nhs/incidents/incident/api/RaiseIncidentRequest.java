package uk.nhs.incidents.incident.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.incident.service.NewIncident;

@Schema(name = "RaiseIncidentRequest",
        description = "Give severity, or impact and urgency (the severity matrix derives it), or all three when they agree.")
public record RaiseIncidentRequest(
        @NotNull Long deploymentId,
        @NotNull Phase phase,
        @Min(1) @Max(5) Integer severity,
        @Min(1) @Max(5) Integer impact,
        @Min(1) @Max(5) Integer urgency,
        @Schema(description = "Could lead, or did lead, to harm to a patient; makes the severity at least 2")
        boolean clinicalSafety,
        @Schema(description = "A national component such as the BaRS proxy is suspected")
        boolean nationalComponentSuspected,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 20000) @MultiLine String description,
        @Schema(description = "When it happened; not in the future") @NotNull OffsetDateTime occurredAt,
        @Schema(description = "The reporter's own reference, unique per reporting organisation")
        @Size(max = ReferenceText.MAX_LENGTH) @Pattern(regexp = ReferenceText.PATTERN, message = ReferenceText.MESSAGE)
        String externalReference,
        @Schema(description = "BaRS X-Correlation-Id of the failed transaction") UUID correlationId,
        // Left out of the request's hash when absent, so that a raise retried across the release that added it
        // keeps its Idempotency-Key (RequestHashes).
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "BaRS X-Request-Id of the failed message (not this API's own X-Request-Id header)")
        UUID barsRequestId) {

    public NewIncident toNewIncident() {
        return new NewIncident(deploymentId, phase, severity, impact, urgency, clinicalSafety,
                nationalComponentSuspected, title, description, occurredAt, externalReference, correlationId,
                barsRequestId);
    }
}
