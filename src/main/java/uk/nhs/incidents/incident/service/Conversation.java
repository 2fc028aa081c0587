package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Comment;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.data.TimelineRepository;
import uk.nhs.incidents.security.Caller;

/** Comments between the parties, and the history of every change; both visible to whoever sees the incident. */
@ApplicationScoped
public class Conversation {

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final History history;
    private final Clock clock;

    Conversation(IncidentRepository incidents, TimelineRepository timeline, History history, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.history = history;
        this.clock = clock;
    }

    @Transactional
    public Optional<Comment> comment(long incidentId, String body, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.of(caller)).map(incident -> {
            Instant now = Timestamps.now(clock);
            Comment comment = new Comment();
            comment.incidentId = incident.id;
            comment.authorUser = caller.user();
            comment.authorOrganisation = caller.organisation();
            comment.body = body.strip();
            comment.createdAt = now;
            comment.persist();
            history.record(incident, caller, now, "COMMENTED", "comment", null, comment.id, null);
            return comment;
        });
    }

    public Optional<Comment> findComment(long incidentId, long commentId, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.of(caller))
                .flatMap(incident -> Comment.<Comment>findByIdOptional(commentId))
                .filter(comment -> comment.incidentId == incidentId);
    }

    public Optional<List<Comment>> comments(long incidentId, PageRequest request, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.of(caller))
                .map(incident -> timeline.comments(incident.id, request));
    }

    public Optional<List<HistoryEntry>> history(long incidentId, PageRequest request, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.of(caller))
                .map(incident -> timeline.history(incident.id, request));
    }
}
