package uk.nhs.incidents.major.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.major.data.MajorIncidentUpdate;

@Schema(name = "MajorIncidentUpdate")
public record UpdateResponse(long id, MajorIncidentResponse.Actor author, String body, Instant createdAt) {

    static UpdateResponse of(MajorIncidentUpdate u) {
        return new UpdateResponse(u.id, new MajorIncidentResponse.Actor(u.authorUser, u.authorOrganisation), u.body,
                u.createdAt);
    }
}
