package uk.nhs.incidents.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import uk.nhs.incidents.sla.domain.BankHolidays;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.Calendars;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.vocabulary.Phase;

/** What an incident would get if the caller raised it: routing and clocks, computed and never stored. */
@ApplicationScoped
public class RoutingPreview {

    /** The outcome of a preview. */
    public record Preview(int severity, Routing routing, Map<ClockKind, ClockView> clocks) {
    }

    private final DeploymentService deployments;
    private final RoutingService routing;
    private final ServiceLevels serviceLevels;
    private final Calendars calendars;
    private final Clock clock;

    RoutingPreview(DeploymentService deployments, RoutingService routing, ServiceLevels serviceLevels,
            Calendars calendars, Clock clock) {
        this.deployments = deployments;
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.calendars = calendars;
        this.clock = clock;
    }

    public Optional<Preview> preview(PreviewRequest request, Caller caller) {
        return deployments.find(request.deploymentId(), caller).map(deployment -> preview(request, deployment, caller));
    }

    /**
     * A raisedAt given is previewed only where the bank holidays are known: outside the calendar's years its deadlines
     * would count every holiday as a working day (and near the year 9999 run past what a date-time writes). Now is
     * previewed whatever the calendar, as a raise now is.
     */
    private Instant checkCalendarHolds(Instant raisedAt) {
        BankHolidays holidays = calendars.serviceHours().holidays();
        // London keeps GMT at New Year, so its year turns with UTC's.
        if (!Timestamps.isStorable(raisedAt) || !holidays.covers(raisedAt.atZone(ZoneOffset.UTC).getYear())) {
            throw new InvalidInputException("raisedAt", "must fall within the years the bank-holiday calendar lists, "
                    + holidays.firstYear() + " to " + holidays.lastYear() + ", for its deadlines to count them");
        }
        return raisedAt;
    }

    private Preview preview(PreviewRequest request, Deployment deployment, Caller caller) {
        int severity = severity(request);
        Instant raisedAt = request.raisedAt() == null ? Timestamps.now(clock)
                : checkCalendarHolds(Timestamps.stored(request.raisedAt().toInstant()));
        // Raised by the caller where it would be: the Service Desk (a live incident: it raises no other), or the
        // deployment's own provider or practice. Any other caller (its supplier, an ICB, an admin), and the Service
        // Desk previewing a test incident, see what the deployment's provider or practice would get.
        boolean byServiceDesk = request.phase() == Phase.LIVE && routing.raisedByServiceDesk(caller.organisation());
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
