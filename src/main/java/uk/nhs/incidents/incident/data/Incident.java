package uk.nhs.incidents.incident.data;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import uk.nhs.incidents.incident.domain.IncidentStatus;
import uk.nhs.incidents.incident.domain.Phase;
import uk.nhs.incidents.party.data.Deployment;

@Entity
public class Incident extends PanacheEntity {

    public String reference;

    @Column(name = "deployment_id")
    public long deploymentId;

    @Column(name = "supplier_ods")
    public String supplier;

    @Column(name = "provider_ods")
    public String provider;

    @Column(name = "icb_ods")
    public String icb;

    @Column(name = "reporter_ods")
    public String reporterOrganisation;

    @Column(name = "reporter_user")
    public String reporterUser;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Enumerated(EnumType.STRING)
    public IncidentStatus status;

    public int severity;

    public Integer impact;

    public Integer urgency;

    @Column(name = "clinical_safety")
    public boolean clinicalSafety;

    @Column(name = "national_component_suspected")
    public boolean nationalComponentSuspected;

    public String title;

    public String description;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "external_reference")
    public String externalReference;

    @Column(name = "correlation_id")
    public UUID correlationId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public void copyParties(Deployment deployment) {
        deploymentId = deployment.id;
        supplier = deployment.supplier;
        provider = deployment.provider;
        icb = deployment.icb;
    }
}
