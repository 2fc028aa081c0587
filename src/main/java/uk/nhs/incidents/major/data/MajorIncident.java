package uk.nhs.incidents.major.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.incidents.major.domain.MajorIncidentStatus;
import uk.nhs.incidents.vocabulary.ResolutionCode;

/** One outage that many incidents report, handled as one; its incidents name it (incident.major_incident_id). */
@Entity
@Table(name = "major_incident")
public class MajorIncident {

    @Id
    @GeneratedValue
    public Long id;

    public String reference;

    public String title;

    public String summary;

    /** The supplier whose platform failed; null for a national component. */
    @Column(name = "supplier_ods")
    public String supplier;

    @Enumerated(EnumType.STRING)
    public MajorIncidentStatus status;

    @Column(name = "created_by_user")
    public String createdByUser;

    @Column(name = "created_by_ods")
    public String createdByOrganisation;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Once resolved: how, by whom and when. */
    @Enumerated(EnumType.STRING)
    @Column(name = "resolution_code")
    public ResolutionCode resolutionCode;

    @Column(name = "resolution_summary")
    public String resolutionSummary;

    @Column(name = "resolved_by_user")
    public String resolvedByUser;

    @Column(name = "resolved_by_ods")
    public String resolvedByOrganisation;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Version
    public long version;
}
