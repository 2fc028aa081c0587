package uk.nhs.incidents.evidence.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.evidence.data.Evidence;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

@Schema(name = "Evidence", description = "Evidence metadata; the content is downloaded separately")
public record EvidenceResponse(long id, long incidentId, EvidenceKind kind, String filename, String contentType,
        String description, long size, @Schema(description = "Hex SHA-256 of the content") String sha256,
        String uploadedBy, String uploaderOrganisation, Instant uploadedAt, Removal removal) {

    @Schema(name = "EvidenceRemoval")
    public record Removal(Instant at, String by, String reason) {
    }

    static EvidenceResponse of(Evidence e) {
        return new EvidenceResponse(e.id, e.incidentId, e.kind, e.filename, e.contentType, e.description, e.size,
                e.sha256, e.uploadedBy, e.uploaderOrganisation, e.uploadedAt,
                e.removedAt == null ? null : new Removal(e.removedAt, e.removedBy, e.removalReason));
    }
}
