package uk.nhs.incidents.notification.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;

@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    /**
     * Pending notifications that are due, locked, in one query; rows another dispatcher holds are skipped, so
     * concurrent dispatchers never take the same notification.
     */
    @SuppressWarnings("unchecked")
    public List<Notification> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from notification where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at, id limit :limit for update skip locked""", Notification.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /** A page of the notifications about an incident, oldest first. */
    public List<Notification> forIncident(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "incidentId = :incident", Parameters.with("incident", incidentId),
                "createdAt", request);
    }

    public Map<Notification.Status, Long> countByStatus() {
        Map<Notification.Status, Long> counts = new EnumMap<>(Notification.Status.class);
        for (Notification.Status status : Notification.Status.values()) {
            counts.put(status, 0L);
        }
        getEntityManager().createQuery("select n.status, count(n) from Notification n group by n.status", Object[].class)
                .getResultStream().forEach(row -> counts.put((Notification.Status) row[0], (Long) row[1]));
        return counts;
    }
}
