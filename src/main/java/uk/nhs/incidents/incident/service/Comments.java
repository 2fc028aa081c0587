package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Comment;
import uk.nhs.incidents.incident.data.CommentRepository;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/** Comments between the parties: written by current parties, read by whoever sees the incident. */
@ApplicationScoped
public class Comments {

    private final IncidentRepository incidents;
    private final CommentRepository comments;
    private final HistoryRecorder history;
    private final RoutingService routing;
    private final Clock clock;

    Comments(IncidentRepository incidents, CommentRepository comments, HistoryRecorder history, RoutingService routing,
            Clock clock) {
        this.routing = routing;
        this.incidents = incidents;
        this.comments = comments;
        this.history = history;
        this.clock = clock;
    }

    /**
     * The incident is locked while the comment is written, as for every change of it: a change under way that takes
     * the caller off the incident (a reclassification, a deployment edit, the end of a wait) commits first and is
     * seen, or waits for the comment, so that a party is never let comment by the state just before it stopped being
     * one. The lock is not shared with other comments: each is dated once the one before has committed, so that its
     * history entry and its webhook event, numbered as it commits, follow the others in time and in number alike.
     * Held shared, comments written at once were dated in one order and numbered in another.
     */
    @Transactional
    public Optional<Comment> comment(long incidentId, String body, Caller caller) {
        return incidents.findInScopeForUpdate(incidentId, IncidentScope.reading(caller)).map(incident -> {
            requireCurrentParty(incident, caller);
            Instant now = Timestamps.now(clock);
            Comment comment = new Comment();
            comment.incidentId = incident.id;
            comment.authorUser = caller.user();
            comment.authorOrganisation = caller.organisation();
            comment.body = body.strip();
            comment.createdAt = now;
            comments.persist(comment);
            history.record(incident, caller, now, HistoryAction.COMMENTED, "comment", null, comment.id, null);
            return comment;
        });
    }

    /**
     * Comments come from the incident's current parties, the party it waits on, the deployment's ICB (which reads
     * every incident of the deployments in its area, routed or not), and admins; a party re-routing removed keeps
     * reading the conversation but no longer takes part.
     */
    private void requireCurrentParty(Incident incident, Caller caller) {
        boolean current = caller.isAdmin() || IncidentScope.waitsOn(caller, incident)
                || caller.has(Roles.ICB) && caller.organisation().equals(incident.icb)
                || !incident.parties().actorsFor(caller.roles(), caller.organisation()).isEmpty()
                || routing.stored(List.of(incident.id)).get(incident.id).names(caller.organisation());
        if (!current) {
            throw new ActionForbiddenException("Your organisation is no longer a party to this incident: it may read "
                    + "it, but not comment.");
        }
    }

    public Optional<Comment> findComment(long incidentId, long commentId, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .flatMap(incident -> comments.findByIdOptional(commentId))
                .filter(comment -> comment.incidentId == incidentId);
    }

    public Optional<List<Comment>> comments(long incidentId, PageRequest request, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .map(incident -> comments.page(incident.id, request));
    }
}
