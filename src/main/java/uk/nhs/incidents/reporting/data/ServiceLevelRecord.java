package uk.nhs.incidents.reporting.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.vocabulary.ResolutionCode;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.reporting.domain.RecordedEvent;

/**
 * One fact reports count: an incident raised, or one of its clocks stopping with an outcome, with the incident's
 * attributes as they were at that moment. Written once in the transaction of the change.
 */
@Entity
@Table(name = "service_level_record")
public class ServiceLevelRecord {

    /** Declared as PanacheEntity declares it: drawn from service_level_record_seq (V7), 50 at a time. */
    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "incident_id")
    public long incidentId;

    @Enumerated(EnumType.STRING)
    public RecordedEvent event;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    /** The first day of the month of {@link #occurredAt} in the report zone. */
    @Column(name = "occurred_month")
    public LocalDate occurredMonth;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    public int severity;

    @Column(name = "deployment_id")
    public long deploymentId;

    @Column(name = "supplier_ods")
    public String supplier;

    @Column(name = "provider_ods")
    public String provider;

    @Column(name = "icb_ods")
    public String icb;

    @Column(name = "reporter_ods")
    public String reporter;

    @Enumerated(EnumType.STRING)
    @Column(name = "procurement_route")
    public ProcurementRoute procurementRoute;

    @Enumerated(EnumType.STRING)
    public Programme programme;

    @Column(name = "target_seconds")
    public Long targetSeconds;

    @Column(name = "elapsed_seconds")
    public Long elapsedSeconds;

    public Boolean met;

    public boolean reopened;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    /** A resolution's code; null for the other events, and for resolutions recorded before codes. */
    @Enumerated(EnumType.STRING)
    @Column(name = "resolution_code")
    public ResolutionCode resolutionCode;

    /**
     * Paused seconds by the organisation type waited on, or {@code RESOLVED} for time resolved before a reopening;
     * null when the clock was never paused.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "paused_on")
    public Map<String, Long> pausedOn;
}
