package uk.nhs.incidents.routing.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;

/** The parties routed to each incident, current and removed. */
@ApplicationScoped
public class IncidentRouteRepository implements PanacheRepository<IncidentRoute> {

    /**
     * The rows routing the incidents, managed, for a re-routing to change. Ids bound as one array: a query with an
     * {@code in} list is translated afresh by Hibernate on every call. Like a query in HQL, it flushes pending changes
     * first only when some are to incident_route.
     */
    @SuppressWarnings("unchecked")
    public List<IncidentRoute> forIncidents(Collection<Long> incidentIds) {
        return getEntityManager().createNativeQuery(
                "select * from incident_route where incident_id = any(:ids) order by id", IncidentRoute.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(IncidentRoute.class)
                .setParameter("ids", incidentIds.toArray(Long[]::new)).getResultList();
    }

    /** A party routed to an incident as stored, and when re-routing stopped naming it ({@code null} while current). */
    public record StoredRoute(long incidentId, RoutedParty party, Instant removedAt) {
    }

    /**
     * The parties routed to the incidents, current and removed, in the order they were stored, as values: for reading
     * only. Read as columns rather than entities, as every incident read and every notification reads them: Hibernate's
     * handling of each row as an entity cost more than the query (bench/README.md). Like {@link #forIncidents}, it
     * flushes pending changes to incident_route first.
     */
    @SuppressWarnings("unchecked")
    public List<StoredRoute> routesOf(Collection<Long> incidentIds) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select incident_id, part, party, ods_code, contact, best_effort, reasons, removed_at
                from incident_route where incident_id = any(:ids) order by id""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(IncidentRoute.class)
                .setParameter("ids", incidentIds.toArray(Long[]::new)).getResultList();
        return rows.stream().map(IncidentRouteRepository::stored).toList();
    }

    private static StoredRoute stored(Object[] row) {
        return new StoredRoute(((Number) row[0]).longValue(), IncidentRoute.storedParty(Part.valueOf((String) row[1]),
                PartyRole.valueOf((String) row[2]), (String) row[3], Contact.valueOf((String) row[4]), (Boolean) row[5],
                (String) row[6]), Timestamps.ofColumn(row[7]));
    }
}
