package uk.nhs.incidents.evidence.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;

/** The log of evidence downloads. */
@ApplicationScoped
public class EvidenceAccessRepository implements PanacheRepository<EvidenceAccess> {

    /** A page of the downloads of one piece of the incident's evidence, oldest first. */
    public List<EvidenceAccess> page(long incidentId, long evidenceId, PageRequest request) {
        return Keyset.byTimeAndId((query, parameters) -> find(query, parameters),
                "evidenceId = :evidence and incidentId = :incident",
                Parameters.with("evidence", evidenceId).and("incident", incidentId), "accessedAt", request);
    }
}
