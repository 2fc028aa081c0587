package uk.nhs.incidents.routing.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.hibernate.query.NativeQuery;

/** The parties routed to each incident, current and removed. */
@ApplicationScoped
public class IncidentRouteRepository implements PanacheRepository<IncidentRoute> {

    /**
     * Ids bound as one array: a query with an {@code in} list is translated afresh by Hibernate on every call. Like
     * a query in HQL, it flushes pending changes first only when some are to incident_route.
     */
    @SuppressWarnings("unchecked")
    public List<IncidentRoute> forIncidents(Collection<Long> incidentIds) {
        return getEntityManager().createNativeQuery(
                "select * from incident_route where incident_id = any(:ids) order by id", IncidentRoute.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(IncidentRoute.class)
                .setParameter("ids", incidentIds.toArray(Long[]::new)).getResultList();
    }
}
