package uk.nhs.incidents.party.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.Timeouts;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.database.ByIds;
import uk.nhs.incidents.common.database.LockWaits;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.PageRequest;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepository<Deployment> {

    /** Deployments in id order after the cursor; {@code involving} limits them to one organisation's. */
    public List<Deployment> page(PageRequest request, String involving) {
        long after = request.after().map(Cursor::id).orElse(0L);
        String query = "id > :after"
                + (involving == null ? "" : " and (supplier = :org or provider = :org or icb = :org)")
                + " order by id";
        Parameters parameters = Parameters.with("after", after);
        if (involving != null) {
            parameters.and("org", involving);
        }
        return find(query, parameters).page(0, request.fetchSize()).list();
    }

    /**
     * The deployment, held {@code FOR SHARE} until the transaction ends, or a {@link LockWaits#refused refusal} at
     * once when a change holds it ({@code NOWAIT}): the caller waits, if it must, without holding a connection.
     */
    public Optional<Deployment> findSharedNoWait(long id) {
        return Optional.ofNullable(getEntityManager().find(Deployment.class, id, LockModeType.PESSIMISTIC_READ,
                Timeouts.NO_WAIT));
    }

    /**
     * Whether the deployment names this ICB, read without loading it: a caller's scope is checked before the
     * deployment is locked, so that no caller holds up the raises of a deployment it may not change.
     */
    public boolean namesIcb(long id, String icb) {
        return count("id = ?1 and icb = ?2", id, icb) > 0;
    }

    /**
     * The names of the deployments with these ids, by id, in one query: all a notification says of a deployment, read
     * without loading each as an entity.
     */
    @SuppressWarnings("unchecked")
    public Map<Long, String> namesOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = getEntityManager().createNativeQuery(
                "select id, system_name from deployment where id = any(:ids)")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Deployment.class)
                .setParameter("ids", ids.toArray(Long[]::new)).getResultList();
        return rows.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(), r -> (String) r[1]));
    }

    /** The deployments with these ids, by id, in one query. */
    public Map<Long, Deployment> byIds(Collection<Long> ids) {
        return ByIds.load(getEntityManager(), Deployment.class, ids, e -> e.id);
    }
}
