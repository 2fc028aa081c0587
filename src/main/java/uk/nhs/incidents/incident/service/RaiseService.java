package uk.nhs.incidents.incident.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * Raising an incident, in three steps that each hold at most one database connection: check the request,
 * take a reference number in its own short transaction, then create the incident in one transaction. A refused
 * request takes no number; a creation that loses a race for its idempotency key leaves a gap in the series,
 * which the series tolerates.
 */
@ApplicationScoped
public class RaiseService {

    private static final int EARLIEST_YEAR = 2000;

    private final RaiseWriter writer;
    private final ReferenceAllocator references;
    private final DeploymentRepository deployments;
    private final IntakeConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    RaiseService(RaiseWriter writer, ReferenceAllocator references, DeploymentRepository deployments,
            IntakeConfig config, MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.writer = writer;
        this.references = references;
        this.deployments = deployments;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Raises an incident, or with an idempotency key already used by the caller's organisation for the same
     * request, answers with the incident that request created.
     */
    public Incident raise(NewIncident request, Optional<RaiseWriter.Key> key, Caller caller) {
        Instant now = Timestamps.now(clock);
        Deployment deployment = deploymentFor(request, caller);
        checkOccurredAt(request, now);
        SeverityAssessment severity = assess(request);
        Optional<Incident> replay = key.flatMap(writer::replay);
        if (replay.isPresent()) {
            return replay.get();
        }
        String reference = references.next(request.phase(), now);
        Incident incident = writer.create(request, deployment.id, severity, reference, key, caller, now);
        registry.counter("incidents.raised", "phase", incident.phase.name().toLowerCase(),
                "severity", String.valueOf(incident.severity)).increment();
        return incident;
    }

    /**
     * Providers and practices raise on their own deployments; the National Service Desk on any, live only. A
     * deployment outside the caller's reach is reported exactly like one that does not exist. The caller's
     * organisation is registered and of its role's type: role fit refused the request otherwise.
     */
    private Deployment deploymentFor(NewIncident request, Caller caller) {
        boolean serviceDesk = caller.has(Roles.SERVICE_DESK);
        if (serviceDesk && !caller.hasAny(Roles.PROVIDER, Roles.PRACTICE) && request.phase() != Phase.LIVE) {
            throw new ActionForbiddenException("The National Service Desk raises live incidents only.");
        }
        return deployments.findByIdOptional(request.deploymentId())
                .filter(d -> serviceDesk || d.provider.equals(caller.organisation()))
                .orElseThrow(() -> new UnprocessableException("deploymentId",
                        "no deployment with this id that you may raise incidents on"));
    }

    private void checkOccurredAt(NewIncident request, Instant now) {
        if (request.occurredAt().toInstant().isAfter(now.plus(config.clockSkew()))) {
            throw new InvalidInputException("occurredAt", "must not be in the future");
        }
        if (request.occurredAt().getYear() < EARLIEST_YEAR) {
            throw new InvalidInputException("occurredAt", "must be in or after " + EARLIEST_YEAR);
        }
    }

    private static SeverityAssessment assess(NewIncident request) {
        try {
            return SeverityAssessment.of(request.severity(), request.impact(), request.urgency(),
                    request.clinicalSafety());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("severity", e.getMessage());
        }
    }

}
