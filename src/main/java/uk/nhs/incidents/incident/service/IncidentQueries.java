package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentFilter;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.service.DeploymentChanged;
import uk.nhs.incidents.security.Caller;

/** Reads incidents within the caller's scope, and keeps them in step with their deployments. */
@ApplicationScoped
public class IncidentQueries {

    private final IncidentRepository incidents;
    private final IncidentRouting routing;
    private final Clock clock;

    IncidentQueries(IncidentRepository incidents, IncidentRouting routing, Clock clock) {
        this.incidents = incidents;
        this.routing = routing;
        this.clock = clock;
    }

    public Optional<Incident> find(long id, Caller caller) {
        return incidents.findInScope(id, IncidentScope.reading(caller));
    }

    public List<Incident> page(IncidentFilter filter, PageRequest request, Caller caller) {
        return incidents.page(filter, IncidentScope.of(caller), request, Timestamps.now(clock));
    }

    public List<IncidentRepository.Queued> pageByResolutionDue(IncidentFilter filter, PageRequest request,
            Caller caller) {
        return incidents.pageByResolutionDue(filter, IncidentScope.of(caller), request, Timestamps.now(clock));
    }

    /**
     * Moves the open incidents of a changed deployment to its new parties and re-routes them, in the deployment
     * change's transaction. Closed incidents stay with the parties that worked them.
     */
    void onDeploymentChanged(@Observes DeploymentChanged event) {
        Deployment deployment = event.deployment();
        for (Incident incident : incidents.lockOpenOfDeployment(deployment.id)) {
            incident.copyParties(deployment);
            incident.updatedAt = deployment.updatedAt;
            routing.reroute(incident, event.changedBy(), deployment.updatedAt, "The deployment changed");
        }
    }

}
