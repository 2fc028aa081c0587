package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.database.LockWaits;
import uk.nhs.incidents.common.database.ServerPlans;
import uk.nhs.incidents.common.database.UniqueConstraints;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.IdempotencyKeys;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.OrganisationRoles;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.Classification;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.sla.service.ThresholdCrossed;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * Creates an incident with everything that comes with it (reference, history, routing, clocks, notifications) in
 * one transaction, and answers with what it computed rather than reading it back. With an idempotency key, the key
 * is claimed in the same transaction: a concurrent retry with the same key waits for it and then answers with the
 * same incident.
 */
@ApplicationScoped
public class RaiseWriter {

    static final String EXTERNAL_REFERENCE_CONSTRAINT = "incident_external_reference_uq";
    private static final String REFERENCE_CONSTRAINT = "incident_reference_key";

    /**
     * An {@code Idempotency-Key}, the organisation that used it, and the hash of the request it came with (see
     * {@link RequestHashes}).
     */
    public record Key(String organisation, String key, String hash) {
    }

    /** The incident a raise created, or the one an earlier request with the same key created, as it stands. */
    public record Raised(Incident incident, Routing routing, Map<ClockKind, ClockView> clocks, boolean replayed) {
    }

    private final IncidentRepository incidents;
    private final DeploymentRepository deployments;
    private final ReferenceAllocator references;
    private final HistoryRecorder history;
    private final IncidentRouting routing;
    private final ServiceLevels serviceLevels;
    private final IdempotencyKeys idempotencyKeys;
    private final Event<IncidentRaised> raised;
    private final ServerPlans serverPlans;
    private final OrganisationRoles organisationRoles;

    RaiseWriter(IncidentRepository incidents, DeploymentRepository deployments, ReferenceAllocator references,
            HistoryRecorder history, IncidentRouting routing, ServiceLevels serviceLevels,
            IdempotencyKeys idempotencyKeys, Event<IncidentRaised> raised, ServerPlans serverPlans,
            OrganisationRoles organisationRoles) {
        this.incidents = incidents;
        this.deployments = deployments;
        this.references = references;
        this.history = history;
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.idempotencyKeys = idempotencyKeys;
        this.raised = raised;
        this.serverPlans = serverPlans;
        this.organisationRoles = organisationRoles;
    }

    /**
     * Creates the incident, or answers with the one an earlier request (or a concurrent twin) created under the
     * same key. The key comes first: a retry is answered with what its first try created even if the deployment has
     * since passed to another provider (the caller's organisation still reads the incident it reported). A new raise
     * claims the key and is refused, key and all, if the deployment is out of reach. The reference is taken last of
     * the checks, so a refused request takes no number.
     */
    @Transactional
    public Raised create(NewIncident request, SeverityAssessment severity, ReferenceAllocator.Series series,
            Optional<Key> key, Caller caller, Instant now) {
        if (key.isPresent() && !idempotencyKeys.claim(key.get().organisation(), key.get().key(), key.get().hash(), now)) {
            return replay(key.get(), now);
        }
        Deployment deployment = serverPlans.keptFor(() -> deploymentFor(request, caller));
        rejectReusedExternalReference(request, caller);
        Raised created = serverPlans.keptFor(() -> write(request, deployment, severity, series, caller, now));
        key.ifPresent(k -> idempotencyKeys.attach(k.organisation(), k.key(), created.incident().id));
        return created;
    }

    /**
     * Everything a new incident writes, all of it inserts of what was computed here, so their statements are kept
     * prepared on the server; the checks that read come before.
     */
    private Raised write(NewIncident request, Deployment deployment, SeverityAssessment severity,
            ReferenceAllocator.Series series, Caller caller, Instant now) {
        Incident incident = incident(request, deployment, severity, references.next(series), caller, now);
        Routing routed = routing.route(incident, deployment);
        persist(incident, series);
        // The incident's foreign key now holds its reporter's organisation: a change of its type waits for the raise,
        // then finds the incident among those the organisation raised; one made meanwhile is read here, and refuses
        // the raise (403) as it would the next request.
        organisationRoles.checkStored(caller);
        ServiceLevels.Started clocks = serviceLevels.start(incident.id,
                new Classification(incident.phase, incident.severity), now);
        routing.store(incident, routed);
        raised.fire(new IncidentRaised(incident, deployment));
        history.recordAll(entries(incident, severity, clocks.crossed(), routed, caller, now),
                Map.of(incident.id, new IncidentSnapshot(incident, deployment.systemName, routed, clocks.clocks())));
        return new Raised(incident, routed, clocks.clocks(), false);
    }

    /**
     * Providers and practices raise on their own deployments; the National Service Desk on any. A deployment
     * outside the caller's reach is reported exactly like one that does not exist. Read by id with its statement kept
     * prepared, as deployments do not grow with the incidents (ADR 0009). Read {@code FOR SHARE}, held to the commit
     * (ADR 0016): an edit that comes during the raise waits for it, then finds the new incident among those it
     * moves. A plain read let an incident raised during an edit keep the former parties: the edit could not see it
     * yet, and nothing moved it later. An edit under way refuses the raise at once ({@code NOWAIT}): the raise is
     * tried again without holding a connection meanwhile ({@link RaiseService}).
     */
    private Deployment deploymentFor(NewIncident request, Caller caller) {
        try {
            return reachable(deployments.findSharedNoWait(request.deploymentId()), caller);
        } catch (PersistenceException e) {
            if (LockWaits.refused(e)) {
                throw new DeploymentBeingChanged(request.deploymentId());
            }
            throw e;
        }
    }

    /**
     * Refuses, as {@link #create} would, a raise on a deployment outside the caller's reach: one found held by an
     * edit must not tell a caller who may not raise on it that it exists and is being changed.
     */
    @Transactional
    public void checkReach(NewIncident request, Caller caller) {
        reachable(deployments.findByIdOptional(request.deploymentId()), caller);
    }

    private static Deployment reachable(Optional<Deployment> deployment, Caller caller) {
        boolean serviceDesk = caller.has(Roles.SERVICE_DESK);
        return deployment.filter(d -> serviceDesk || d.provider.equals(caller.organisation()))
                .orElseThrow(() -> new UnprocessableException("deploymentId",
                        "no deployment with this id that you may raise incidents on"));
    }

    /** The incident an earlier request with this key created; 422 when that request was a different one. */
    private Raised replay(Key key, Instant now) {
        IdempotencyKeys.Claimed claimed = idempotencyKeys.find(key.organisation(), key.key()).orElseThrow();
        if (!claimed.requestHash().equals(key.hash())) {
            throw new UnprocessableException("idempotency-key-reused", "Idempotency key reused",
                    "Your organisation already used this Idempotency-Key for a different request.");
        }
        Incident incident = incidents.findById(claimed.incidentId());
        return new Raised(incident, routing.stored(incident.id),
                serviceLevels.views(List.of(incident.id), now).getOrDefault(incident.id, Map.of()), true);
    }

    private static Incident incident(NewIncident request, Deployment deployment, SeverityAssessment severity,
            String reference, Caller caller, Instant now) {
        Incident incident = new Incident();
        incident.copyParties(deployment);
        incident.reference = reference;
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
        incident.barsRequestId = request.barsRequestId();
        incident.createdAt = now;
        incident.updatedAt = now;
        return incident;
    }

    /** The raise's history, recorded once everything it describes is written. */
    private static List<HistoryEntry> entries(Incident incident, SeverityAssessment severity,
            List<ThresholdCrossed> crossed, Routing routed, Caller caller, Instant now) {
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.CREATED, "status", null,
                incident.status, "Raised as " + incident.reference
                        + (incident.clinicalSafety ? ", a clinical safety incident" : "")));
        if (severity.raisedForClinicalSafety()) {
            entries.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.SEVERITY_CHANGED, "severity",
                    severity.requested(), severity.severity(), "A clinical safety incident is at least severity "
                            + SeverityAssessment.CLINICAL_SAFETY_FLOOR));
        }
        entries.addAll(ServiceLevelEntries.thresholds(crossed));
        entries.add(IncidentRouting.routed(incident, routed, caller, now));
        return entries;
    }

    private void rejectReusedExternalReference(NewIncident request, Caller caller) {
        if (request.externalReference() == null) {
            return;
        }
        incidents.holdExternalReference(caller.organisation(), request.externalReference());
        incidents.findByExternalReference(caller.organisation(), request.externalReference()).ifPresent(first -> {
            throw duplicateExternalReference("incident " + first.reference + " (/api/v1/incidents/" + first.id + ")");
        });
    }

    /**
     * Flushes now so that an external reference written meanwhile by a writer not holding it ({@link
     * IncidentRepository#holdExternalReference}: say, an instance of an earlier release) fails here as a 409, not at
     * commit as a 500, and a reference given already (its series' sequence behind) as a 503 to retry.
     */
    private void persist(Incident incident, ReferenceAllocator.Series series) {
        try {
            references.storing(series, REFERENCE_CONSTRAINT, () -> incidents.persistAndFlush(incident));
        } catch (PersistenceException e) {
            if (UniqueConstraints.broke(e, EXTERNAL_REFERENCE_CONSTRAINT)) {
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
