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
import uk.nhs.incidents.vocabulary.ResolutionCode;

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

    @Column(name = "bars_request_id")
    public UUID barsRequestId;

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

    /** While resolved or closed: how, in a code and a summary (both null for a resolution recorded before codes). */
    @Enumerated(EnumType.STRING)
    @Column(name = "resolution_code")
    public ResolutionCode resolutionCode;

    @Column(name = "resolution_summary")
    public String resolutionSummary;

    /** Resolved as {@code DUPLICATE}: the incident it duplicates, with its reference, which never changes. */
    @Column(name = "duplicate_of_id")
    public Long duplicateOfId;

    @Column(name = "duplicate_of_reference")
    public String duplicateOfReference;

    /** Resolved with a workaround: when the fix that followed was made, and what it was. */
    @Column(name = "fixed_at")
    public Instant fixedAt;

    @Column(name = "fix_summary")
    public String fixSummary;

    /** When the National Service Desk involved the BaRS programme in it (a live BaRS incident); routing reads it. */
    @Column(name = "bars_programme_involved_at")
    public Instant barsProgrammeInvolvedAt;

    /** The major incident it is linked to, with its reference, which never changes. */
    @Column(name = "major_incident_id")
    public Long majorIncidentId;

    @Column(name = "major_incident_reference")
    public String majorIncidentReference;

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

    /** The code of its resolution as shown: UNSPECIFIED for one recorded before codes; null unless resolved. */
    public String resolutionCodeShown() {
        if (resolvedAt == null) {
            return null;
        }
        return resolutionCode == null ? ResolutionCode.UNSPECIFIED : resolutionCode.name();
    }

    public boolean hasClinicalReview() {
        return reviewedAt != null;
    }

    /** Clears the review the incident shows (the history keeps it), for a flag raised again after it. */
    public void forgetClinicalReview() {
        reviewOutcome = null;
        reviewHazardLogReference = null;
        reviewedBy = null;
        reviewerOrganisation = null;
        reviewedAt = null;
    }

    public void copyParties(Deployment deployment) {
        deploymentId = deployment.id;
        supplier = deployment.supplier;
        provider = deployment.provider;
        icb = deployment.icb;
    }
}
