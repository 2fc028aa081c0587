package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.HistoryRepository;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentFilter;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.security.Caller;

/** Reads incidents, and their history, within the caller's scope. */
@ApplicationScoped
public class IncidentQueries {

    private final IncidentRepository incidents;
    private final HistoryRepository history;
    private final Clock clock;

    IncidentQueries(IncidentRepository incidents, HistoryRepository history, Clock clock) {
        this.incidents = incidents;
        this.history = history;
        this.clock = clock;
    }

    public Optional<Incident> find(long id, Caller caller) {
        return incidents.findInScope(id, IncidentScope.reading(caller));
    }

    public List<Incident> page(IncidentFilter filter, PageRequest request, Caller caller) {
        return incidents.page(filter, IncidentScope.of(caller), request, Timestamps.now(clock));
    }

    /** A page of the incident's history, when the caller may read the incident. */
    public Optional<List<HistoryEntry>> history(long incidentId, PageRequest request, Caller caller) {
        return find(incidentId, caller).map(incident -> history.page(incident.id, request));
    }

    public List<IncidentRepository.Queued> pageByResolutionDue(IncidentFilter filter, PageRequest request,
            Caller caller) {
        return incidents.pageByResolutionDue(filter, IncidentScope.of(caller), request, Timestamps.now(clock));
    }
}
