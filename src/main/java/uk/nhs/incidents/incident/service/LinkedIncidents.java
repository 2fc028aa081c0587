package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.incident.data.Comment;
import uk.nhs.incidents.incident.data.CommentRepository;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.vocabulary.ResolutionCode;

/**
 * What a major incident does to the incidents linked to it: the link itself, its updates written into their
 * conversations, and its resolution, which resolves the open ones. The caller (the major incident's service) holds
 * the major incident locked and has checked who may do what; this side keeps each incident's lifecycle and history,
 * so that every change is recorded, and told, as any other change of an incident is.
 */
@ApplicationScoped
public class LinkedIncidents {

    private static final String FIELD = "majorIncident";

    /** A major incident as its incidents name it. */
    public record MajorIncidentRef(long id, String reference) {
    }

    private final IncidentRepository incidents;
    private final CommentRepository comments;
    private final HistoryRecorder history;
    private final StatusChanges statusChanges;

    LinkedIncidents(IncidentRepository incidents, CommentRepository comments, HistoryRecorder history,
            StatusChanges statusChanges) {
        this.incidents = incidents;
        this.comments = comments;
        this.history = history;
        this.statusChanges = statusChanges;
    }

    /** The incident, if the caller may read it, locked until the transaction ends. */
    public Optional<Incident> lockReadable(long incidentId, Caller caller) {
        return incidents.findInScopeForUpdate(incidentId, IncidentScope.reading(caller));
    }

    /**
     * Links the incident, unless it is linked already (empty): an incident belongs to one major incident at a time,
     * and an ended one to none. Answers the link's history entry, for the change to record last, with whatever else
     * it does ({@link #record}, or {@link #resolve} where the major incident is resolved already).
     */
    public Optional<HistoryEntry> link(Incident incident, MajorIncidentRef major, Caller caller, Instant now) {
        if (incident.majorIncidentId != null && incident.majorIncidentId == major.id()) {
            return Optional.empty();
        }
        if (incident.majorIncidentId != null) {
            throw new ConflictException("linked-elsewhere", "Linked to another major incident", incident.reference
                    + " is linked to major incident " + incident.majorIncidentReference + "; unlink it there first.");
        }
        if (incident.status.isEnded()) {
            throw ended(incident, "linked to");
        }
        incident.majorIncidentId = major.id();
        incident.majorIncidentReference = major.reference();
        incident.updatedAt = now;
        return Optional.of(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.MAJOR_INCIDENT_LINKED, FIELD,
                null, major.reference(), "Linked to major incident " + major.reference()));
    }

    private static ConflictException ended(Incident incident, String moved) {
        return new ConflictException("incident-ended", "Incident has ended",
                "A " + incident.status + " incident is not " + moved + " a major incident.");
    }

    /** Records a link that changed nothing else. */
    public void record(HistoryEntry link) {
        history.recordAll(List.of(link));
    }

    /**
     * Unlinks the incident from the major incident, with the reason; it keeps its state. An ended incident keeps its
     * link as it keeps everything else: it could not be linked again, and its parties have finished with it.
     */
    public void unlink(Incident incident, MajorIncidentRef major, String reason, Caller caller, Instant now) {
        if (incident.majorIncidentId == null || incident.majorIncidentId != major.id()) {
            throw new NotFoundException("Incident " + incident.id + " is not linked to major incident "
                    + major.reference() + ".");
        }
        if (incident.status.isEnded()) {
            throw ended(incident, "unlinked from");
        }
        incident.majorIncidentId = null;
        incident.majorIncidentReference = null;
        incident.updatedAt = now;
        history.record(incident, caller, now, HistoryAction.MAJOR_INCIDENT_UNLINKED, FIELD, major.reference(), null,
                reason.strip());
    }

    /**
     * The major incident's incidents an update is written into, held while it is ({@link #postUpdate}): an incident
     * closed or cancelled since it was linked is told nothing more (its parties have finished with it, and the email
     * would tell them the major incident's resolution will resolve it), and one closed meanwhile takes no comment
     * after its end.
     */
    public List<Long> holdForPosting(MajorIncidentRef major) {
        return incidents.lockLinkedNotEndedIds(major.id());
    }

    /**
     * Writes an update of the major incident into the conversation and the history of each incident {@code linked}
     * ({@link #holdForPosting}), in one statement each: one change, which the notifications tell each organisation
     * once, however many of its incidents it concerns.
     */
    public void postUpdate(MajorIncidentRef major, List<Long> linked, String body, Caller caller, Instant now) {
        List<Comment> written = new ArrayList<>(linked.size());
        List<HistoryEntry> entries = new ArrayList<>(linked.size());
        for (long incidentId : linked) {
            Comment comment = new Comment();
            comment.incidentId = incidentId;
            comment.authorUser = caller.user();
            comment.authorOrganisation = caller.organisation();
            comment.body = "Update on major incident " + major.reference() + ":\n" + body;
            comment.createdAt = now;
            written.add(comment);
            entries.add(HistoryRecorder.entry(incidentId, caller, now, HistoryAction.MAJOR_INCIDENT_UPDATED, FIELD,
                    null, major.reference(), body));
        }
        if (!written.isEmpty()) {
            comments.insertAll(written);
            history.recordAll(entries);
        }
    }

    /**
     * The major incident's open incidents, locked, to be resolved with it ({@link #resolve}): the resolution is timed
     * once they are held, so that a change that committed on one of them meanwhile comes before it.
     */
    public List<Incident> lockOpen(MajorIncidentRef major) {
        return incidents.lockOpenLinked(major.id());
    }

    /**
     * Resolves these incidents with the major incident, those of them that are open, recording {@code alongside}
     * (the link of an incident to a major incident resolved already) with their resolutions: one change, recorded last.
     */
    public int resolve(List<Incident> linked, MajorIncidentRef major, ResolutionCode code, String summary,
            Caller caller, Instant now, List<HistoryEntry> alongside) {
        return statusChanges.resolveWithMajorIncident(linked, code, summary, major.reference(), caller, now,
                alongside);
    }

    /** How many incidents each major incident has linked; none linked is absent. */
    public Map<Long, Long> counts(Collection<Long> majorIncidentIds) {
        return incidents.countLinked(majorIncidentIds);
    }

    /** A page of the major incident's incidents, those in the scope given. */
    public List<Incident> page(long majorIncidentId, IncidentScope scope, PageRequest request) {
        return incidents.pageLinked(majorIncidentId, scope, request);
    }
}
