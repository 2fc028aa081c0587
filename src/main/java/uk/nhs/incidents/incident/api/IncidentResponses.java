package uk.nhs.incidents.incident.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;

/**
 * Builds incident responses with their routing and clocks, loading those for a whole page in two queries rather
 * than two per incident.
 */
@ApplicationScoped
public class IncidentResponses {

    private final RoutingService routing;
    private final ServiceLevels serviceLevels;
    private final Clock clock;

    IncidentResponses(RoutingService routing, ServiceLevels serviceLevels, Clock clock) {
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.clock = clock;
    }

    public IncidentResponse one(Incident incident) {
        return all(List.of(incident)).get(0);
    }

    public List<IncidentResponse> all(List<Incident> incidents) {
        List<Long> ids = incidents.stream().map(i -> i.id).toList();
        Map<Long, Routing> routings = routing.stored(ids);
        Map<Long, Map<ClockKind, ClockView>> clocks = serviceLevels.views(ids, Timestamps.now(clock));
        return incidents.stream()
                .map(i -> IncidentResponse.of(i, routings.get(i.id), clocks.get(i.id))).toList();
    }

    /** 200 with the incident and its ETag, or the 404 problem when it is absent or out of the caller's scope. */
    public RestResponse<IncidentResponse> withETag(Optional<Incident> incident, long id) {
        Incident found = found(incident, id);
        return EntityTag.ok(one(found), found.version);
    }

    /**
     * As {@link #withETag}, but 304 without a body when {@code If-None-Match} names the version the caller already
     * holds: its routing and clocks are then not even read.
     */
    public RestResponse<IncidentResponse> unlessHeld(Optional<Incident> incident, long id, String ifNoneMatch) {
        Incident found = found(incident, id);
        if (ifNoneMatch != null && EntityTag.matchesWeakly(ifNoneMatch, found.version)) {
            return EntityTag.notModified(found.version);
        }
        return EntityTag.ok(one(found), found.version);
    }

    private static Incident found(Optional<Incident> incident, long id) {
        return incident.orElseThrow(() -> new NotFoundException("No incident " + id + " in your scope."));
    }
}
