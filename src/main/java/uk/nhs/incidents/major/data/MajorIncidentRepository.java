package uk.nhs.incidents.major.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.database.ByIds;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.major.domain.MajorIncidentStatus;

@ApplicationScoped
public class MajorIncidentRepository implements PanacheRepository<MajorIncident> {

    public Optional<MajorIncident> findInScope(long id, MajorIncidentScope scope) {
        return find(id, scope, LockModeType.NONE);
    }

    /** The major incident, locked until the transaction ends: its changes, and its incidents' links, queue. */
    public Optional<MajorIncident> findInScopeForUpdate(long id, MajorIncidentScope scope) {
        return find(id, scope, LockModeType.PESSIMISTIC_WRITE);
    }

    private Optional<MajorIncident> find(long id, MajorIncidentScope scope, LockModeType lock) {
        TypedQuery<MajorIncident> query = getEntityManager().createQuery("select m from MajorIncident m"
                + " where m.id = :id and " + scope.condition(), MajorIncident.class)
                .setParameter("id", id).setLockMode(lock);
        bind(query, scope);
        return query.getResultStream().findFirst();
    }

    /** Newest first; the cursor holds the (createdAt, id) of the last served. */
    public List<MajorIncident> page(Optional<MajorIncidentStatus> status, MajorIncidentScope scope,
            PageRequest request) {
        String after = request.after().isPresent() ? " and (m.createdAt, m.id) < (:afterAt, :afterId)" : "";
        TypedQuery<MajorIncident> query = getEntityManager().createQuery("select m from MajorIncident m where "
                + scope.condition() + (status.isPresent() ? " and m.status = :status" : "") + after
                + " order by m.createdAt desc, m.id desc", MajorIncident.class);
        status.ifPresent(s -> query.setParameter("status", s));
        request.after().map(Cursor::timeAndId).ifPresent(position -> query.setParameter("afterAt", position.time())
                .setParameter("afterId", position.id()));
        bind(query, scope);
        return query.setMaxResults(request.fetchSize()).getResultList();
    }

    /** The major incidents with these ids, by id, in one query. */
    public Map<Long, MajorIncident> byIds(Collection<Long> ids) {
        return ByIds.load(getEntityManager(), MajorIncident.class, ids, m -> m.id);
    }

    private static void bind(TypedQuery<?> query, MajorIncidentScope scope) {
        if (scope.bindsOrganisation()) {
            query.setParameter(MajorIncidentScope.PARAMETER, scope.organisation());
        }
    }
}
