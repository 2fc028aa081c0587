package uk.nhs.incidents.sla.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import uk.nhs.incidents.sla.domain.CalendarKind;

/** The test-phase calendar an admin set with the targets, and who set them when (V44; one row at most). */
@Entity
@Table(name = "service_level_setting")
public class ServiceLevelSetting {

    /** The only row's key. */
    public static final int ONLY = 1;

    @Id
    public int id = ONLY;

    @Enumerated(EnumType.STRING)
    @Column(name = "test_phase_calendar")
    public CalendarKind testPhaseCalendar;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_by_ods")
    public String updatedByOrganisation;
}
