package uk.nhs.incidents.incident.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;

@ApplicationScoped
public class IncidentRepository implements PanacheRepository<Incident> {

    public Optional<Incident> findInScope(long id, IncidentScope scope) {
        TypedQuery<Incident> query = getEntityManager()
                .createQuery("select i from Incident i where i.id = :id and " + scope.condition(), Incident.class)
                .setParameter("id", id);
        bindScope(query, scope);
        return query.getResultStream().findFirst();
    }

    public Optional<Incident> findByExternalReference(String reporterOrganisation, String externalReference) {
        return find("reporterOrganisation = ?1 and externalReference = ?2", reporterOrganisation, externalReference)
                .firstResultOptional();
    }

    /** Newest first; the cursor holds the (createdAt, id) of the last incident served. */
    public List<Incident> page(IncidentFilter filter, IncidentScope scope, PageRequest request) {
        List<String> conditions = new ArrayList<>(List.of(scope.condition()));
        Map<String, Object> parameters = new HashMap<>();
        filter.status().ifPresent(v -> add(conditions, parameters, "i.status = :status", "status", v));
        filter.phase().ifPresent(v -> add(conditions, parameters, "i.phase = :phase", "phase", v));
        filter.severity().ifPresent(v -> add(conditions, parameters, "i.severity = :severity", "severity", v));
        filter.deploymentId().ifPresent(v -> add(conditions, parameters, "i.deploymentId = :deployment", "deployment", v));
        filter.supplier().ifPresent(v -> add(conditions, parameters, "i.supplier = :supplier", "supplier", v));
        filter.externalReference().ifPresent(v -> add(conditions, parameters,
                "i.externalReference = :externalReference", "externalReference", v));
        filter.updatedSince().ifPresent(v -> add(conditions, parameters, "i.updatedAt >= :updatedSince", "updatedSince", v));
        request.after().ifPresent(cursor -> {
            conditions.add("(i.createdAt, i.id) < (:afterAt, :afterId)");
            parameters.put("afterAt", cursor.instant(0));
            parameters.put("afterId", cursor.number(1));
        });
        TypedQuery<Incident> query = getEntityManager().createQuery("select i from Incident i where "
                + String.join(" and ", conditions) + " order by i.createdAt desc, i.id desc", Incident.class);
        parameters.forEach(query::setParameter);
        bindScope(query, scope);
        return query.setMaxResults(request.fetchSize()).getResultList();
    }

    /** Keeps the copies of a deployment's parties on its incidents in step with the deployment. */
    public void updateParties(long deploymentId, String supplier, String provider, String icb, Instant now) {
        update("supplier = ?1, provider = ?2, icb = ?3, updatedAt = ?4, version = version + 1 where deploymentId = ?5"
                + " and (supplier <> ?1 or provider <> ?2 or icb <> ?3)", supplier, provider, icb, now, deploymentId);
    }

    private static void add(List<String> conditions, Map<String, Object> parameters, String condition, String name,
            Object value) {
        conditions.add(condition);
        parameters.put(name, value);
    }

    private static void bindScope(TypedQuery<?> query, IncidentScope scope) {
        if (scope.bindsOrganisation()) {
            query.setParameter(IncidentScope.PARAMETER, scope.organisation());
        }
    }
}
