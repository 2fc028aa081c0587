package uk.nhs.incidents.reporting.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.reporting.domain.RecordedEvent;

/** Writes the service-level record; its rows are never rewritten, but for marking a resolution superseded. */
@ApplicationScoped
public class ServiceLevelRecordRepository implements PanacheRepository<ServiceLevelRecord> {

    /**
     * Marks the incidents' resolutions recorded so far as superseded at the given instant, by the resolutions that
     * follow their reopening: a report whose period holds both counts only the later.
     */
    public void supersedeResolutions(List<Long> incidentIds, Instant at) {
        update("supersededAt = ?1 where incidentId in ?2 and event = ?3 and supersededAt is null", at, incidentIds,
                RecordedEvent.RESOLVED);
    }
}
