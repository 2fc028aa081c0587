package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.PreconditionFailedException;
import uk.nhs.incidents.common.problem.PreconditionRequiredException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.api.ClinicalReviewRequest;
import uk.nhs.incidents.incident.api.ReclassifyRequest;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.incident.domain.EntityTag;
import uk.nhs.incidents.incident.domain.Lifecycle;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Changes to an existing incident: status, classification and clinical review. Each loads the incident locked
 * and checks the caller's {@code If-Match} against it, so of two concurrent changes made from the same version
 * exactly one wins and the other answers 412.
 */
@ApplicationScoped
public class IncidentWorkflow {

    private static final Set<Actor> RECLASSIFIERS = EnumSet.of(Actor.RESOLVER);
    private static final Set<Actor> SAFETY_FLAGGERS = EnumSet.of(Actor.RESOLVER, Actor.ACCOUNTABLE, Actor.REPORTER);

    private final IncidentRepository incidents;
    private final IncidentRouting routing;
    private final ServiceLevels serviceLevels;
    private final Transitions transitions;
    private final History history;
    private final Clock clock;

    IncidentWorkflow(IncidentRepository incidents, IncidentRouting routing, ServiceLevels serviceLevels,
            Transitions transitions, History history, Clock clock) {
        this.incidents = incidents;
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.transitions = transitions;
        this.history = history;
        this.clock = clock;
    }

    @Transactional
    public Optional<Incident> transition(long id, Transitions.Move move, String ifMatch, Caller caller) {
        return current(id, ifMatch, caller).map(incident -> {
            transitions.apply(incident, move, actors(incident, caller), caller, Timestamps.now(clock));
            return incident;
        });
    }

    @Transactional
    public Optional<Incident> reclassify(long id, ReclassifyRequest request, String ifMatch, Caller caller) {
        if (request.severity() == null && request.phase() == null && request.clinicalSafety() == null) {
            throw new InvalidInputException("body", "give at least one of severity, phase and clinicalSafety to change");
        }
        return current(id, ifMatch, caller).map(incident -> {
            if (!Lifecycle.isOpen(incident.status)) {
                throw new ConflictException("incident-closed", "Incident is closed",
                        "A " + incident.status + " incident cannot be reclassified.");
            }
            checkMayReclassify(request, incident, actors(incident, caller), caller);
            Instant now = Timestamps.now(clock);
            int severity = incident.severity;
            var phase = incident.phase;
            boolean clinical = incident.clinicalSafety;
            changeSafetyAndSeverity(incident, request, caller, now);
            changePhase(incident, request, caller, now);
            if (severity != incident.severity || phase != incident.phase) {
                serviceLevels.onReclassified(incident.id, incident.phase, incident.severity, now);
            }
            if (severity != incident.severity || phase != incident.phase || clinical != incident.clinicalSafety) {
                routing.reroute(incident, caller, now, request.reason());
            }
            return incident;
        });
    }

    @Transactional
    public Optional<Incident> recordClinicalReview(long id, ClinicalReviewRequest request, String ifMatch,
            Caller caller) {
        return current(id, ifMatch, caller).map(incident -> {
            if (!incident.clinicalSafety) {
                throw new ConflictException("not-a-safety-incident", "Not a clinical safety incident",
                        "Only incidents flagged as clinical safety incidents take a clinical safety review.");
            }
            Instant now = Timestamps.now(clock);
            incident.reviewOutcome = request.outcome().strip();
            incident.reviewHazardLogReference = request.hazardLogReference().strip();
            incident.reviewedBy = caller.user();
            incident.reviewerOrganisation = caller.organisation();
            incident.reviewedAt = now;
            incident.updatedAt = now;
            history.record(incident, caller, now, "CLINICAL_REVIEW_RECORDED", "hazardLogReference", null,
                    incident.reviewHazardLogReference, incident.reviewOutcome);
            return incident;
        });
    }

    private Optional<Incident> current(long id, String ifMatch, Caller caller) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException();
        }
        return incidents.findInScopeForUpdate(id, IncidentScope.of(caller)).map(incident -> {
            if (!EntityTag.matches(ifMatch, incident.version)) {
                throw new PreconditionFailedException("The incident has changed since you read it (now at ETag "
                        + EntityTag.of(incident.version) + "); read it again and retry.");
            }
            return incident;
        });
    }

    private static Set<Actor> actors(Incident incident, Caller caller) {
        return incident.parties().actorsFor(caller.roles(), caller.organisation());
    }

    private static void checkMayReclassify(ReclassifyRequest request, Incident incident, Set<Actor> actors,
            Caller caller) {
        if ((request.severity() != null || request.phase() != null) && Collections.disjoint(actors, RECLASSIFIERS)) {
            throw new ActionForbiddenException("Severity and phase are changed by the supplier that resolves the incident.");
        }
        if (Boolean.TRUE.equals(request.clinicalSafety()) && Collections.disjoint(actors, SAFETY_FLAGGERS)) {
            throw new ActionForbiddenException("A safety incident is flagged by the supplier, reporter or accountable party.");
        }
        // A CSO sees only incidents its organisation is party to, so the role is the whole check.
        if (Boolean.FALSE.equals(request.clinicalSafety()) && incident.clinicalSafety
                && !caller.has(Roles.CLINICAL_SAFETY_OFFICER)) {
            throw new ActionForbiddenException("Only a Clinical Safety Officer may clear the clinical safety flag.");
        }
    }

    /**
     * The clinical flag and the severity change together, and both are set before either is recorded: recording
     * tells observers that may query, and the database refuses a safety incident below severity 2 even for a moment.
     */
    private void changeSafetyAndSeverity(Incident incident, ReclassifyRequest request, Caller caller, Instant now) {
        boolean clinicalBefore = incident.clinicalSafety;
        int severityBefore = incident.severity;
        boolean clinical = request.clinicalSafety() == null ? clinicalBefore : request.clinicalSafety();
        if (request.severity() != null
                && SeverityAssessment.floor(request.severity(), clinical) != request.severity()) {
            throw new InvalidInputException("severity", "a clinical safety incident is at least severity "
                    + SeverityAssessment.CLINICAL_SAFETY_FLOOR);
        }
        int severity = request.severity() != null ? request.severity() : SeverityAssessment.floor(severityBefore, clinical);
        if (clinical == clinicalBefore && severity == severityBefore) {
            return;
        }
        incident.clinicalSafety = clinical;
        incident.severity = severity;
        incident.updatedAt = now;
        if (clinical != clinicalBefore) {
            history.record(incident, caller, now, "RECLASSIFIED", "clinicalSafety", clinicalBefore, clinical,
                    request.reason());
        }
        if (severity != severityBefore) {
            history.record(incident, caller, now, "RECLASSIFIED", "severity", severityBefore, severity,
                    request.severity() != null ? request.reason() : "A clinical safety incident is at least severity "
                            + SeverityAssessment.CLINICAL_SAFETY_FLOOR);
        }
    }

    private void changePhase(Incident incident, ReclassifyRequest request, Caller caller, Instant now) {
        if (request.phase() == null || request.phase() == incident.phase) {
            return;
        }
        history.record(incident, caller, now, "RECLASSIFIED", "phase", incident.phase, request.phase(),
                request.reason());
        incident.phase = request.phase();
        incident.updatedAt = now;
    }
}
