package uk.nhs.incidents.incident.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import uk.nhs.incidents.common.paging.PageRequest;

/** An incident's history and comments, oldest first, paged on (time, id). */
@ApplicationScoped
public class TimelineRepository {

    private final EntityManager entityManager;

    TimelineRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public List<HistoryEntry> history(long incidentId, PageRequest request) {
        return page(HistoryEntry.class, "occurredAt", incidentId, request);
    }

    public List<Comment> comments(long incidentId, PageRequest request) {
        return page(Comment.class, "createdAt", incidentId, request);
    }

    private <T> List<T> page(Class<T> type, String timeField, long incidentId, PageRequest request) {
        String after = request.after().isPresent() ? " and (e." + timeField + ", e.id) > (:afterAt, :afterId)" : "";
        var query = entityManager.createQuery("select e from " + type.getSimpleName() + " e where e.incidentId = :incident"
                + after + " order by e." + timeField + ", e.id", type).setParameter("incident", incidentId);
        request.after().ifPresent(cursor -> query.setParameter("afterAt", cursor.instant(0))
                .setParameter("afterId", cursor.number(1)));
        return query.setMaxResults(request.fetchSize()).getResultList();
    }
}
