package uk.nhs.incidents.sla.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import uk.nhs.incidents.sla.domain.CalendarKind;

/** One severity's targets as an admin set them (V44); none stored means the configured ones apply. */
@Entity
@Table(name = "service_level_target")
public class ServiceLevelTarget {

    @Id
    public int severity;

    @Column(name = "triage_seconds")
    public long triageSeconds;

    @Column(name = "resolution_seconds")
    public long resolutionSeconds;

    @Enumerated(EnumType.STRING)
    public CalendarKind calendar;
}
