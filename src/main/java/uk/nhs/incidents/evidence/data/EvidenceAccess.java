package uk.nhs.incidents.evidence.data;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;

/** One download of evidence: who, from which organisation, when, and which bytes. */
@Entity
@Table(name = "evidence_access")
@Immutable
public class EvidenceAccess extends PanacheEntity {

    @Column(name = "evidence_id")
    public long evidenceId;

    @Column(name = "incident_id")
    public long incidentId;

    @Column(name = "accessed_by")
    public String accessedBy;

    @Column(name = "accessor_ods")
    public String accessorOrganisation;

    @Column(name = "accessed_at")
    public Instant accessedAt;

    @Column(name = "byte_range")
    public String byteRange;

    /** A page of the downloads of one piece of the incident's evidence, oldest first. */
    public static List<EvidenceAccess> page(long incidentId, long evidenceId, PageRequest request) {
        return Keyset.byTimeAndId((query, parameters) -> EvidenceAccess.find(query, parameters),
                "evidenceId = :evidence and incidentId = :incident",
                Parameters.with("evidence", evidenceId).and("incident", incidentId), "accessedAt", request);
    }
}
