package uk.nhs.incidents.evidence.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import uk.nhs.incidents.common.text.MultiLine;

public record RemovalRequest(@NotBlank @Size(max = 2000) @MultiLine String reason) {
}
