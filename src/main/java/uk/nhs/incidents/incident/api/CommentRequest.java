package uk.nhs.incidents.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.text.MultiLine;

@Schema(name = "CommentRequest")
public record CommentRequest(@NotBlank @Size(max = 10000) @MultiLine String body) {
}
