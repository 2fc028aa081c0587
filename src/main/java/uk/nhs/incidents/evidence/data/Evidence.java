package uk.nhs.incidents.evidence.data;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.List;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

/** Evidence metadata; the content lives in the {@link EvidenceStore}. Write-once, enforced by the database too. */
@Entity
public class Evidence extends PanacheEntity {

    @Column(name = "incident_id")
    public long incidentId;

    @Enumerated(EnumType.STRING)
    public EvidenceKind kind;

    public String filename;

    @Column(name = "content_type")
    public String contentType;

    public String description;

    @Column(name = "size_bytes")
    public Long size;

    public String sha256;

    @Column(name = "chunk_size")
    public int chunkSize;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "uploader_ods")
    public String uploaderOrganisation;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "removed_by")
    public String removedBy;

    @Column(name = "removal_reason")
    public String removalReason;

    public boolean isRemoved() {
        return removedAt != null;
    }

    /** A page of the incident's evidence in upload order. */
    public static List<Evidence> page(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId((query, parameters) -> Evidence.find(query, parameters), "incidentId = :incident",
                Parameters.with("incident", incidentId), "uploadedAt", request);
    }
}
