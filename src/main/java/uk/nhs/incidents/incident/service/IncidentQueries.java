package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentFilter;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.security.Caller;

/** Reads incidents within the caller's scope. */
@ApplicationScoped
public class IncidentQueries {

    private final IncidentRepository incidents;
    private final Clock clock;

    IncidentQueries(IncidentRepository incidents, Clock clock) {
        this.incidents = incidents;
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
}
