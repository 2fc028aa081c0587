package uk.nhs.incidents.reporting.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;

/** Writes the service-level record; its rows are never rewritten, but for marking a resolution superseded. */
@ApplicationScoped
public class ServiceLevelRecordRepository implements PanacheRepository<ServiceLevelRecord> {

    /**
     * Marks the incidents' resolutions recorded so far as superseded at the given instant, by the resolutions that
     * follow their reopening: a report whose period holds both counts only the later. Answers the incidents that had
     * one, whose new resolution is therefore one after a reopening, however the clock counted meanwhile (a phase
     * change restarts it, and its earlier pauses no longer count).
     */
    @SuppressWarnings("unchecked")
    public Set<Long> supersedeResolutions(List<Long> incidentIds, Instant at) {
        List<Number> superseded = getEntityManager().createNativeQuery("""
                update service_level_record set superseded_at = cast(:at as timestamptz)
                where event = 'RESOLVED' and incident_id = any(:ids) and superseded_at is null
                returning incident_id""").unwrap(NativeQuery.class).addSynchronizedEntityClass(ServiceLevelRecord.class)
                .setParameter("at", at.toString()).setParameter("ids", incidentIds.toArray(Long[]::new))
                .getResultList();
        return superseded.stream().map(Number::longValue).collect(Collectors.toSet());
    }
}
