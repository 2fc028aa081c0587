package uk.nhs.incidents.evidence.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One download of evidence: who, from which organisation, when, and which bytes. */
@Entity
@Table(name = "evidence_access")
@Immutable
public class EvidenceAccess {

    @Id
    @GeneratedValue
    public Long id;

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
}
