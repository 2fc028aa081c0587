package uk.nhs.incidents.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.service.DeploymentService;
import uk.nhs.incidents.routing.api.PreviewRequest;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.domain.RoutingFacts;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;

/** What an incident would get if the caller raised it: routing and clocks, computed and never stored. */
@ApplicationScoped
public class RoutingPreview {

    /** The outcome of a preview. */
    public record Preview(int severity, Routing routing, Map<ClockKind, ClockView> clocks) {
    }

    private final DeploymentService deployments;
    private final RoutingService routing;
    private final ServiceLevels serviceLevels;
    private final Clock clock;

    RoutingPreview(DeploymentService deployments, RoutingService routing, ServiceLevels serviceLevels, Clock clock) {
        this.deployments = deployments;
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.clock = clock;
    }

    public Optional<Preview> preview(PreviewRequest request, Caller caller) {
        return deployments.find(request.deploymentId(), caller).map(deployment -> preview(request, deployment, caller));
    }

    private Preview preview(PreviewRequest request, Deployment deployment, Caller caller) {
        int severity = severity(request);
        Instant raisedAt = request.raisedAt() == null ? Timestamps.now(clock)
                : Timestamps.stored(request.raisedAt().toInstant());
        if (!Timestamps.isStorable(raisedAt)) {
            throw new InvalidInputException("raisedAt", "must be between the years 1900 and 9999");
        }
        // Raised by the caller where it would be: the Service Desk, or the deployment's own provider or practice. Any
        // other caller (its supplier, an ICB, an admin) sees what the deployment's provider or practice would get.
        boolean byServiceDesk = routing.raisedByServiceDesk(caller.organisation());
        String reporter = byServiceDesk ? caller.organisation() : deployment.provider;
        RoutingFacts facts = new RoutingFacts(request.phase(), deployment.programme, deployment.procurementRoute,
                severity, request.clinicalSafety(), request.nationalComponentSuspected(), deployment.icbSupportAgreed,
                byServiceDesk, false);
        Routing routed = routing.route(facts, new RoutingService.Parties(deployment.supplier, deployment.provider,
                deployment.icb, reporter));
        return new Preview(severity, routed, serviceLevels.preview(request.phase(), severity, raisedAt, raisedAt));
    }

    private static int severity(PreviewRequest request) {
        try {
            return SeverityAssessment.of(request.severity(), request.impact(), request.urgency(),
                    request.clinicalSafety()).severity();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("severity", e.getMessage());
        }
    }
}
