package uk.nhs.incidents.major.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;

/** The updates of major incidents, paged per major incident, oldest first. */
@ApplicationScoped
public class MajorIncidentUpdateRepository implements PanacheRepository<MajorIncidentUpdate> {

    public List<MajorIncidentUpdate> page(long majorIncidentId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "majorIncidentId = :major", Parameters.with("major", majorIncidentId),
                "createdAt", request);
    }
}
