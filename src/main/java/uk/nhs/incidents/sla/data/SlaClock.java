package uk.nhs.incidents.sla.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;

/**
 * A clock's facts (start, target, stop) and the derived instants the sweep and the filters query by index.
 * The derived columns are rewritten from {@link uk.nhs.incidents.sla.domain.ServiceLevelClock} on every change.
 */
@Entity
@Table(name = "sla_clock")
public class SlaClock {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "incident_id")
    public long incidentId;

    @Enumerated(EnumType.STRING)
    public ClockKind kind;

    @Enumerated(EnumType.STRING)
    public CalendarKind calendar;

    @Column(name = "target_seconds")
    public long targetSeconds;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    /** Never AT_RISK: that is read from {@link #warningAt} as time passes (see {@link ClockState#stored()}). */
    @Enumerated(EnumType.STRING)
    public ClockState state;

    @Column(name = "warning_at")
    public Instant warningAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "warning_fired")
    public boolean warningFired;

    @Column(name = "breach_fired")
    public boolean breachFired;

    /**
     * The instants the warning and the breach were last told for (the warning's own, and the deadline): a threshold
     * armed again is told again only once it passes at a later instant than this. Null until told, so never part of
     * the raise's insert; the database clears both when a clock restarts (V34).
     */
    @Column(name = "warning_told_for", insertable = false)
    public Instant warningToldFor;

    @Column(name = "breach_told_for", insertable = false)
    public Instant breachToldFor;

    @Column(name = "next_threshold_at")
    public Instant nextThresholdAt;

    /**
     * Set when the incident changes phase while this clock is stopped: resumed, it starts afresh under the new phase
     * rather than counting from its start under the old. Never set on a new clock, so left out of the raise's insert.
     */
    @Column(name = "restart_on_resume", insertable = false)
    public boolean restartOnResume;

    /**
     * Its incident's supplier, which the database copies and keeps equal (V20) so that a supplier's work queue is
     * read from one index; only queries use it, and it is never written from here.
     */
    @Column(name = "supplier_ods", insertable = false, updatable = false)
    public String supplier;

    /** What it counted, elapsed and paused, once it ended (stopped and judged, or cancelled); null while it runs. */
    @Column(name = "counted_micros", insertable = false)
    public Long countedMicros;

    @Column(name = "paused_micros", insertable = false)
    public Long pausedMicros;

    @Version
    public long version;

    /**
     * Stops the clock, to be judged as of the stop by the calendar in force now: the state the sweep stored last may
     * be a breach that a bank-holiday file taken up since has moved past the stop.
     */
    public void stop(Instant at) {
        stoppedAt = at;
        state = ClockState.RUNNING;
    }

    /** The facts its standing is worked out from, as they are now. */
    public ClockFacts facts() {
        return new ClockFacts(id, incidentId, kind, calendar, targetSeconds, startedAt, stoppedAt, state, warningAt,
                dueAt, ClockFacts.ofMicros(countedMicros), ClockFacts.ofMicros(pausedMicros));
    }

    /** Runs again: what it counted as it ended is worked out anew, from its start, while it runs. */
    public void resume() {
        stoppedAt = null;
        countedMicros = null;
        pausedMicros = null;
    }

    /** Keeps what the clock, ended now, counted: a calendar taken up later changes neither. */
    public void keepCounted(Duration elapsed, Duration paused) {
        countedMicros = elapsed.toNanos() / 1000;
        pausedMicros = paused.toNanos() / 1000;
    }
}
