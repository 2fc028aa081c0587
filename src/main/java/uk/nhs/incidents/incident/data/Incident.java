package uk.nhs.incidents.incident.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import uk.nhs.incidents.incident.domain.IncidentParties;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;

@Entity
public class Incident {

    @Id
    @GeneratedValue
    public Long id;

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

    @Column(name = "accountable_ods")
    public String accountable;

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

    /** The supplier's own reference (its ticket), unique per supplier; set by the supplier that resolves it. */
    @Column(name = "supplier_reference")
    public String supplierReference;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** While {@code AWAITING_INFO}: the state it returns to, whom it waits on, and why. */
    @Enumerated(EnumType.STRING)
    @Column(name = "awaiting_return_status")
    public IncidentStatus awaitingReturnStatus;

    @Column(name = "waiting_on_ods")
    public String waitingOn;

    @Column(name = "waiting_reason")
    public String waitingReason;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "auto_close_due_at")
    public Instant autoCloseDueAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "review_outcome")
    public String reviewOutcome;

    @Column(name = "review_hazard_log_reference")
    public String reviewHazardLogReference;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewer_ods")
    public String reviewerOrganisation;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Version
    public long version;

    public IncidentParties parties() {
        return new IncidentParties(supplier, provider, reporterOrganisation, accountable);
    }

    public boolean hasClinicalReview() {
        return reviewedAt != null;
    }

    public void copyParties(Deployment deployment) {
        deploymentId = deployment.id;
        supplier = deployment.supplier;
        provider = deployment.provider;
        icb = deployment.icb;
    }
}
