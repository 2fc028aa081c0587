package uk.nhs.incidents.evidence.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.evidence.data.EvidenceAccess;

@Schema(name = "EvidenceAccess", description = "One download of evidence")
public record EvidenceAccessResponse(Instant at, String user, String organisation,
        @Schema(description = "The bytes asked for, first-last; absent for the whole file") String range) {

    static EvidenceAccessResponse of(EvidenceAccess a) {
        return new EvidenceAccessResponse(a.accessedAt, a.accessedBy, a.accessorOrganisation, a.byteRange);
    }
}
