package uk.nhs.incidents.major.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.service.LinkedIncidents;
import uk.nhs.incidents.incident.service.LinkedIncidents.MajorIncidentRef;
import uk.nhs.incidents.incident.service.ReferenceAllocator;
import uk.nhs.incidents.major.data.MajorIncident;
import uk.nhs.incidents.major.data.MajorIncidentRepository;
import uk.nhs.incidents.major.data.MajorIncidentScope;
import uk.nhs.incidents.major.data.MajorIncidentUpdate;
import uk.nhs.incidents.major.data.MajorIncidentUpdateRepository;
import uk.nhs.incidents.major.domain.MajorIncidentRules;
import uk.nhs.incidents.major.domain.MajorIncidentStatus;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.vocabulary.ResolutionCode;

/**
 * Declares major incidents and changes them: links and unlinks incidents, posts updates, resolves. Each change
 * locks the major incident first, then its incidents (in id order), so that a link and a resolution never cross: an
 * incident linked while the major incident is being resolved is linked after it, and resolved as it is linked.
 */
@ApplicationScoped
public class MajorIncidentChanges {

    private static final Logger LOG = Logger.getLogger(MajorIncidentChanges.class);
    private static final String REFERENCE_CONSTRAINT = "major_incident_reference_key";

    private final MajorIncidentRepository majorIncidents;
    private final MajorIncidentUpdateRepository updates;
    private final LinkedIncidents linked;
    private final ReferenceAllocator references;
    private final Clock clock;

    MajorIncidentChanges(MajorIncidentRepository majorIncidents, MajorIncidentUpdateRepository updates,
            LinkedIncidents linked, ReferenceAllocator references, Clock clock) {
        this.majorIncidents = majorIncidents;
        this.updates = updates;
        this.linked = linked;
        this.references = references;
        this.clock = clock;
    }

    /** A link made, or found made already. */
    public record Linked(Incident incident, boolean created) {
    }

    @Transactional
    public MajorIncident create(NewMajorIncident request, Optional<String> supplier, ReferenceAllocator.Series series,
            Caller caller, Instant now) {
        MajorIncident major = new MajorIncident();
        major.reference = references.next(series);
        major.title = request.title().strip();
        major.summary = request.summary().strip();
        major.supplier = supplier.orElse(null);
        major.status = MajorIncidentStatus.OPEN;
        major.createdByUser = caller.user();
        major.createdByOrganisation = caller.organisation();
        major.createdAt = now;
        references.storing(series, REFERENCE_CONSTRAINT, () -> majorIncidents.persistAndFlush(major));
        return major;
    }

    /**
     * Links the incident; an incident linked to a resolved major incident is resolved with it at once, if open. Empty
     * when the caller does not see the major incident whole.
     */
    @Transactional
    public Optional<Linked> link(long id, long incidentId, Caller caller) {
        return lock(id, caller).map(major -> {
            Incident incident = readable(incidentId, caller);
            if (major.id.equals(incident.majorIncidentId)) {
                // Linked already (a retry): answered as it stands, whatever has changed since that a new link needs.
                return new Linked(incident, false);
            }
            MajorIncidentRules.checkMayLink(caller, incident.phase, incident.supplier);
            Instant now = Timestamps.now(clock);
            Optional<HistoryEntry> link = linked.link(incident, ref(major), caller, now);
            if (link.isPresent() && major.status == MajorIncidentStatus.RESOLVED) {
                // Linked and resolved in one change, recorded together: the link is told as the incident stands.
                linked.resolve(List.of(incident), ref(major), major.resolutionCode, major.resolutionSummary, caller,
                        now, List.of(link.get()));
            } else {
                link.ifPresent(linked::record);
            }
            return new Linked(incident, link.isPresent());
        });
    }

    @Transactional
    public Optional<MajorIncident> unlink(long id, long incidentId, String reason, Caller caller) {
        return lock(id, caller).map(major -> {
            // Named by the path, an incident the caller cannot read answers 404, as everywhere.
            Incident incident = linked.lockReadable(incidentId, caller).orElseThrow(() -> new NotFoundException(
                    "No incident " + incidentId + " in your scope."));
            MajorIncidentRules.checkMayUnlink(caller, incident.supplier);
            linked.unlink(incident, ref(major), reason, caller, Timestamps.now(clock));
            return major;
        });
    }

    /**
     * Posts an update, written into the conversation of every incident linked and told once to each organisation
     * that reports or owns them. For those who see the major incident whole; those who only read it are refused.
     */
    @Transactional
    public Optional<MajorIncidentUpdate> post(long id, String body, Caller caller) {
        return lock(id, caller).map(major -> {
            // Timed once its incidents are held: a change that committed on one of them meanwhile comes before it.
            List<Long> into = linked.holdForPosting(ref(major));
            MajorIncidentUpdate update = new MajorIncidentUpdate();
            update.majorIncidentId = major.id;
            update.authorUser = caller.user();
            update.authorOrganisation = caller.organisation();
            update.body = body.strip();
            update.createdAt = Timestamps.now(clock);
            updates.persist(update);
            linked.postUpdate(ref(major), into, update.body, caller, update.createdAt);
            return update;
        });
    }

    /** Resolves the major incident, and with it every open incident linked to it, in this one transaction. */
    @Transactional
    public Optional<MajorIncident> resolve(long id, ResolutionCode code, String summary, Caller caller) {
        MajorIncidentRules.checkResolutionCode(code);
        return lock(id, caller).map(major -> {
            MajorIncidentRules.checkMayResolve(caller, major.supplier);
            if (major.status == MajorIncidentStatus.RESOLVED) {
                throw new ConflictException("major-incident-resolved", "Major incident already resolved",
                        major.reference + " was resolved at " + major.resolvedAt + ".");
            }
            List<Incident> open = linked.lockOpen(ref(major));
            Instant now = Timestamps.now(clock);
            major.status = MajorIncidentStatus.RESOLVED;
            major.resolutionCode = code;
            major.resolutionSummary = summary.strip();
            major.resolvedByUser = caller.user();
            major.resolvedByOrganisation = caller.organisation();
            major.resolvedAt = now;
            int resolved = linked.resolve(open, ref(major), code, major.resolutionSummary, caller, now, List.of());
            LOG.infof("Major incident %s resolved with %d incident(s)", major.reference, resolved);
            return major;
        });
    }

    /**
     * The major incident locked, when the caller sees it whole; one it only reads (a reporter's) refuses the change,
     * one it does not see is empty.
     */
    private Optional<MajorIncident> lock(long id, Caller caller) {
        Optional<MajorIncident> major = majorIncidents.findInScopeForUpdate(id, MajorIncidentScope.whole(caller));
        if (major.isEmpty() && majorIncidents.findInScope(id, MajorIncidentScope.reading(caller)).isPresent()) {
            throw new ActionForbiddenException("Major incidents are changed by the Service Desk, the hub, the BaRS "
                    + "programme, the suppliers involved and admins; the parties of its incidents read it.");
        }
        return major;
    }

    /** The incident to link, named in the body, locked: one the caller reads, else 422. */
    private Incident readable(long incidentId, Caller caller) {
        return linked.lockReadable(incidentId, caller).orElseThrow(() -> new UnprocessableException(
                "incidentId", "no incident with this id that you can read"));
    }

    private static MajorIncidentRef ref(MajorIncident major) {
        return new MajorIncidentRef(major.id, major.reference);
    }
}
