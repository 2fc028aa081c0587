package uk.nhs.incidents.evidence.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

/** The evidence metadata of incidents; its content is in the {@link EvidenceStore}. */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepository<Evidence> {

    /** A page of the incident's evidence in upload order. */
    public List<Evidence> page(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId((query, parameters) -> find(query, parameters), "incidentId = :incident",
                Parameters.with("incident", incidentId), "uploadedAt", request);
    }

    /** The evidence, when it is the incident's. */
    public Optional<Evidence> findOnIncident(long incidentId, long evidenceId) {
        return findByIdOptional(evidenceId).filter(evidence -> evidence.incidentId == incidentId);
    }

    /**
     * The evidence row locked and read again as it now stands: a removal that waited on another, which committed
     * meanwhile, sees it removed.
     */
    public void lockForRemoval(Evidence evidence) {
        getEntityManager().refresh(evidence, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The evidence row locked {@code FOR SHARE} and read again: a removal under way is waited for, and one committed
     * since the row was read is seen.
     */
    public void lockForReading(Evidence evidence) {
        getEntityManager().refresh(evidence, LockModeType.PESSIMISTIC_READ);
    }

    /** Whether the evidence is removed as the database now stands (not as this session last read it). */
    public boolean isRemoved(long evidenceId) {
        return (Boolean) getEntityManager().createNativeQuery(
                "select removed_at is not null from evidence where id = :id").setParameter("id", evidenceId)
                .getSingleResult();
    }

    /**
     * Evidence of the same kind, name and content that the organisation added to the incident and that is still
     * held: what a retried upload added already. Only stored evidence has its hash, so an upload under way is not
     * one.
     */
    public Optional<Evidence> sameFile(long incidentId, Evidence file, String sha256) {
        return find("incidentId = ?1 and kind = ?2 and filename = ?3 and sha256 = ?4 and uploaderOrganisation = ?5"
                + " and removedAt is null order by id", incidentId, file.kind, file.filename, sha256,
                file.uploaderOrganisation).firstResultOptional();
    }

    /** The bytes of evidence content held, removed evidence not counted. */
    public long storedBytes() {
        return ((Number) getEntityManager().createNativeQuery(
                "select coalesce(sum(size_bytes), 0) from evidence where removed_at is null").getSingleResult())
                .longValue();
    }
}
