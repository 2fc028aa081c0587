package uk.nhs.incidents.incident.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;

/** The comments on incidents: stored, found by id, and paged per incident, oldest first. */
@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {

    public List<Comment> page(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "incidentId = :incident", Parameters.with("incident", incidentId),
                "createdAt", request);
    }
}
