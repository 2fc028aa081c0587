package uk.nhs.incidents.evidence.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record RemovalRequest(@NotBlank @Size(max = 2000) String reason) {
}
