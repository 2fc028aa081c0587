package uk.nhs.incidents.evidence.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.Instant;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

/** Evidence metadata; the content lives in the {@link EvidenceStore}. Write-once, enforced by the database too. */
@Entity
public class Evidence {

    @Id
    @GeneratedValue
    public Long id;

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

    /** The strong entity tag of the content: its SHA-256, which never changes. */
    public String etag() {
        return "\"" + sha256 + "\"";
    }
}
