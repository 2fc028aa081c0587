package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.api.RaiseIncidentRequest;
import uk.nhs.incidents.incident.data.IdempotencyKeys;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentFilter;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.IncidentStatus;
import uk.nhs.incidents.incident.domain.Phase;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.party.service.DeploymentChanged;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.incident.domain.Lifecycle;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

@ApplicationScoped
public class IncidentService {

    static final String EXTERNAL_REFERENCE_CONSTRAINT = "incident_external_reference_uq";

    private final IncidentRepository incidents;
    private final DeploymentRepository deployments;
    private final ReferenceAllocator references;
    private final History history;
    private final IncidentRouting routing;
    private final ServiceLevels serviceLevels;
    private final IdempotencyKeys idempotencyKeys;
    private final RequestHashes requestHashes;
    private final IntakeConfig intake;
    private final Clock clock;

    IncidentService(IncidentRepository incidents, DeploymentRepository deployments, ReferenceAllocator references,
            History history, IncidentRouting routing, ServiceLevels serviceLevels, IdempotencyKeys idempotencyKeys,
            RequestHashes requestHashes, IntakeConfig intake, Clock clock) {
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.idempotencyKeys = idempotencyKeys;
        this.requestHashes = requestHashes;
        this.incidents = incidents;
        this.deployments = deployments;
        this.references = references;
        this.history = history;
        this.intake = intake;
        this.clock = clock;
    }

    public Optional<Incident> find(long id, Caller caller) {
        return incidents.findInScope(id, IncidentScope.of(caller));
    }

    public List<Incident> page(IncidentFilter filter, PageRequest request, Caller caller) {
        return incidents.page(filter, IncidentScope.of(caller), request, Timestamps.now(clock));
    }

    /** The incident a raise request answers with, and whether it was created by an earlier request. */
    public record Raised(Incident incident, boolean replayed) {
    }

    /**
     * Raises an incident, or with an idempotency key already used by the caller's organisation for the same
     * request, answers with the incident that request created.
     */
    @Transactional
    public Raised raise(RaiseIncidentRequest request, Optional<String> idempotencyKey, Caller caller) {
        Instant now = Timestamps.now(clock);
        if (idempotencyKey.isPresent()) {
            String key = idempotencyKey.get();
            String hash = requestHashes.of(request);
            if (!idempotencyKeys.claim(caller.organisation(), key, hash, now)) {
                return new Raised(replay(key, hash, caller), true);
            }
            Incident incident = create(request, caller, now);
            idempotencyKeys.attach(caller.organisation(), key, incident.id);
            return new Raised(incident, false);
        }
        return new Raised(create(request, caller, now), false);
    }

    private Incident replay(String key, String hash, Caller caller) {
        IdempotencyKeys.Claimed claimed = idempotencyKeys.find(caller.organisation(), key)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished after its claim failed"));
        if (!claimed.requestHash().equals(hash)) {
            throw new UnprocessableException("idempotency-key-reused", "Idempotency key reused",
                    "Your organisation already used this Idempotency-Key for a different request.");
        }
        return incidents.findById(claimed.incidentId());
    }

    private Incident create(RaiseIncidentRequest request, Caller caller, Instant now) {
        Deployment deployment = deploymentFor(request, caller);
        checkOccurredAt(request, now);
        SeverityAssessment severity = assess(request);
        rejectReusedExternalReference(request, caller);

        Incident incident = new Incident();
        incident.copyParties(deployment);
        incident.reference = references.next(request.phase(), now);
        incident.reporterOrganisation = caller.organisation();
        incident.reporterUser = caller.user();
        incident.phase = request.phase();
        incident.status = IncidentStatus.NEW;
        incident.severity = severity.severity();
        incident.impact = request.impact();
        incident.urgency = request.urgency();
        incident.clinicalSafety = request.clinicalSafety();
        incident.nationalComponentSuspected = request.nationalComponentSuspected();
        incident.title = request.title().strip();
        incident.description = request.description().strip();
        incident.occurredAt = Timestamps.stored(request.occurredAt().toInstant());
        incident.externalReference = request.externalReference();
        incident.correlationId = request.correlationId();
        incident.createdAt = now;
        incident.updatedAt = now;
        Routing routed = routing.route(incident, deployment);
        persist(incident);

        history.record(incident, caller, now, "CREATED", "status", null, incident.status,
                "Raised as " + incident.reference);
        if (severity.raisedForClinicalSafety()) {
            history.record(incident, caller, now, "SEVERITY_CHANGED", "severity", severity.requested(),
                    severity.severity(), "A clinical safety incident is at least severity "
                            + SeverityAssessment.CLINICAL_SAFETY_FLOOR);
        }
        routing.store(incident, routed, caller, now);
        serviceLevels.start(incident.id, incident.phase, incident.severity, now);
        return incident;
    }

    /**
     * Keeps incidents' copies of their deployment's parties current, and re-routes the open ones, in the
     * deployment change's transaction.
     */
    void onDeploymentChanged(@Observes DeploymentChanged event) {
        Deployment deployment = event.deployment();
        for (Incident incident : incidents.list("deploymentId", deployment.id)) {
            incident.copyParties(deployment);
            incident.updatedAt = deployment.updatedAt;
            if (Lifecycle.isOpen(incident.status)) {
                routing.reroute(incident, event.changedBy(), deployment.updatedAt, "The deployment changed");
            }
        }
    }

    /**
     * Providers and practices raise on their own deployments; the National Service Desk on any, live only. A
     * deployment outside the caller's reach is reported exactly like one that does not exist.
     */
    private Deployment deploymentFor(RaiseIncidentRequest request, Caller caller) {
        boolean serviceDesk = caller.has(Roles.SERVICE_DESK);
        if (serviceDesk && !caller.hasAny(Roles.PROVIDER, Roles.PRACTICE) && request.phase() != Phase.LIVE) {
            throw new ActionForbiddenException("The National Service Desk raises live incidents only.");
        }
        return deployments.findByIdOptional(request.deploymentId())
                .filter(d -> serviceDesk || d.provider.equals(caller.organisation()))
                .orElseThrow(() -> new UnprocessableException("deploymentId",
                        "no deployment with this id that you may raise incidents on"));
    }

    private void checkOccurredAt(RaiseIncidentRequest request, Instant now) {
        if (request.occurredAt().toInstant().isAfter(now.plus(intake.clockSkew()))) {
            throw new InvalidInputException("occurredAt", "must not be in the future");
        }
    }

    private static SeverityAssessment assess(RaiseIncidentRequest request) {
        try {
            return SeverityAssessment.of(request.severity(), request.impact(), request.urgency(),
                    request.clinicalSafety());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("severity", e.getMessage());
        }
    }

    private void rejectReusedExternalReference(RaiseIncidentRequest request, Caller caller) {
        if (request.externalReference() == null) {
            return;
        }
        incidents.findByExternalReference(caller.organisation(), request.externalReference()).ifPresent(first -> {
            throw duplicateExternalReference("incident " + first.reference + " (/api/v1/incidents/" + first.id + ")");
        });
    }

    /** Flushes now so that a concurrent twin's external reference fails here as a 409, not at commit as a 500. */
    private void persist(Incident incident) {
        try {
            incidents.persistAndFlush(incident);
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException c && EXTERNAL_REFERENCE_CONSTRAINT.equals(c.getConstraintName())
                    || e.getCause() instanceof ConstraintViolationException cause
                            && EXTERNAL_REFERENCE_CONSTRAINT.equals(cause.getConstraintName())) {
                throw duplicateExternalReference("another incident raised at the same moment");
            }
            throw e;
        }
    }

    private static ConflictException duplicateExternalReference(String holder) {
        return new ConflictException("duplicate-external-reference", "External reference already used",
                "Your organisation's external reference is already used by " + holder + ".");
    }
}
