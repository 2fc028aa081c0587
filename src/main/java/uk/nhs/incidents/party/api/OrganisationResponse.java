package uk.nhs.incidents.party.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.domain.OrganisationType;

@Schema(name = "Organisation")
public record OrganisationResponse(String odsCode, String name, OrganisationType type, String incidentMailbox,
        String csoMailbox, Instant createdAt, Instant updatedAt) {

    static OrganisationResponse of(Organisation o) {
        return new OrganisationResponse(o.odsCode, o.name, o.type, o.incidentMailbox, o.csoMailbox, o.createdAt,
                o.updatedAt);
    }
}
