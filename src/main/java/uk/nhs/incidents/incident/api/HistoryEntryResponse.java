package uk.nhs.incidents.incident.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.incident.data.HistoryEntry;

@Schema(name = "HistoryEntry", description = "One change: who, when, what (field, from, to) and why")
public record HistoryEntryResponse(long id, Instant at, CommentResponse.Actor actor, String action, String field,
        String from, String to, String reason) {

    static HistoryEntryResponse of(HistoryEntry e) {
        return new HistoryEntryResponse(e.id, e.occurredAt, new CommentResponse.Actor(e.actorUser, e.actorOrganisation),
                e.action.name(), e.field, e.fromValue, e.toValue, e.reason);
    }
}
