package uk.nhs.incidents.incident.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.incident.data.Comment;

@Schema(name = "Comment")
public record CommentResponse(long id, Actor author, String body, Instant createdAt) {

    /** A person or system and its organisation. */
    @Schema(name = "ActingParty")
    public record Actor(String user, String organisation) {
    }

    static CommentResponse of(Comment c) {
        return new CommentResponse(c.id, new Actor(c.authorUser, c.authorOrganisation), c.body, c.createdAt);
    }
}
