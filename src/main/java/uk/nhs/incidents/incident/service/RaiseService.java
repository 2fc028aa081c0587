package uk.nhs.incidents.incident.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.domain.ReferenceSeries;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * Raising an incident: the checks that need no database, then one transaction ({@link RaiseWriter}) that checks
 * the deployment, takes the reference and writes everything. Only the first raise of a series in a year does more:
 * it creates the series' sequence first, in a short transaction of its own ({@link ReferenceAllocator}).
 */
@ApplicationScoped
public class RaiseService {

    private static final int EARLIEST_YEAR = 2000;
    /** Each time a raise found its deployment held by an edit, and tried again or gave up. */
    public static final String DEPLOYMENT_HELD = "incidents.raise.deployment.held";
    /** Between tries of a raise whose deployment an edit holds: doubling from the first to the longest. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    private final RaiseWriter writer;
    private final ReferenceAllocator references;
    private final IntakeConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    RaiseService(RaiseWriter writer, ReferenceAllocator references, IntakeConfig config, MeterRegistry registry,
            Clock clock) {
        this.writer = writer;
        this.references = references;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Raises an incident, or with an idempotency key already used by the caller's organisation for the same
     * request, answers with the incident that request created. The caller's organisation is registered and of
     * its role's type: role fit refused the request otherwise.
     */
    public RaiseWriter.Raised raise(NewIncident request, Optional<RaiseWriter.Key> key, Caller caller) {
        Instant now = Timestamps.now(clock);
        checkServiceDesk(request, caller);
        checkOccurredAt(request, now);
        SeverityAssessment severity = assess(request);
        RaiseWriter.Raised raised = created(request, severity, key, caller, now);
        if (!raised.replayed()) {
            registry.counter("incidents.raised", "phase", raised.incident().phase.name().toLowerCase(),
                    "severity", String.valueOf(raised.incident().severity)).increment();
        }
        return raised;
    }

    /**
     * The raise's transaction, tried again while an edit of the deployment holds it (each refusal comes at once, and
     * nothing is held between tries), up to {@code incidents.intake.deployment-wait}. Each try is raised at its own
     * instant, so that the incident's times are those of the transaction that writes it: one stamped before a wait
     * of seconds would appear behind changes a reader has already paged past. A caller outside the deployment's
     * reach is refused as always at the first refusal, not told that it is being changed.
     */
    private RaiseWriter.Raised created(NewIncident request, SeverityAssessment severity,
            Optional<RaiseWriter.Key> key, Caller caller, Instant arrived) {
        long deadline = System.nanoTime() + config.deploymentWait().toNanos();
        Duration pause = FIRST_PAUSE;
        Instant now = arrived;
        boolean refusedBefore = false;
        while (true) {
            try {
                return writer.create(request, severity, references.series(ReferenceSeries.of(request.phase()), now),
                        key, caller, now);
            } catch (DeploymentBeingChanged busy) {
                if (!refusedBefore) {
                    writer.checkReach(request, caller);
                    refusedBefore = true;
                }
                registry.counter(DEPLOYMENT_HELD).increment();
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw busy;
                }
                pause(pause, busy);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
                now = Timestamps.now(clock);
            }
        }
    }

    private static void pause(Duration pause, DeploymentBeingChanged busy) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy;
        }
    }

    /** The National Service Desk raises live incidents only, unless it also holds a provider's or practice's role. */
    private static void checkServiceDesk(NewIncident request, Caller caller) {
        if (caller.has(Roles.SERVICE_DESK) && !caller.hasAny(Roles.PROVIDER, Roles.PRACTICE)
                && request.phase() != Phase.LIVE) {
            throw new ActionForbiddenException("The National Service Desk raises live incidents only.");
        }
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
