package uk.nhs.incidents.sla.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An interval a clock did not count: waiting for information (on whom), or resolved until reopened. */
@Entity
@Table(name = "sla_pause")
public class SlaPause {

    @Id
    @GeneratedValue
    public Long id;

    public static final String AWAITING_INFO = "AWAITING_INFO";
    public static final String RESOLVED = "RESOLVED";

    @Column(name = "clock_id")
    public long clockId;

    public String kind;

    @Column(name = "waiting_on")
    public String waitingOn;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** While waiting for information: when the owners and the organisation waited on are next reminded. */
    @Column(name = "reminder_due_at")
    public Instant reminderDueAt;

    /** How many reminders this wait has had. */
    public int reminders;
}
