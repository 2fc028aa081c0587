package uk.nhs.incidents.sla.data;

import static uk.nhs.incidents.common.database.ArrayParameters.instants;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;

@ApplicationScoped
public class ClockRepository {

    private final EntityManager entityManager;

    ClockRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void persist(SlaClock clock) {
        entityManager.persist(clock);
    }

    public void persist(SlaPause pause) {
        entityManager.persist(pause);
    }

    /**
     * The incidents' clocks, locked, in one query, in the order of their incidents: the caller already holds the
     * incidents, locked in the same order, so locks are taken in one order everywhere.
     */
    @SuppressWarnings("unchecked")
    public List<SlaClock> lockForIncidents(Collection<Long> incidentIds) {
        return entityManager.createNativeQuery("select * from sla_clock where incident_id = any(:ids)"
                + " order by incident_id, id for update", SlaClock.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(SlaClock.class)
                .setParameter("ids", incidentIds.toArray(Long[]::new)).getResultList();
    }

    /**
     * The facts of the incidents' clocks as they stand, for reading. Read as columns rather than entities, as every
     * incident read and every notification reads them: Hibernate's handling of each row as an entity cost more than
     * the query (bench/README.md). Ids are bound as one array ({@code = any(:ids)}), here and
     * below: Hibernate translates a query with an {@code in :ids} list afresh on every call, which cost more than
     * running it. Like a query in HQL, each flushes pending changes first only when some are to the table it reads.
     */
    @SuppressWarnings("unchecked")
    public List<ClockFacts> factsFor(Collection<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, incident_id, kind, calendar, target_seconds, started_at, stopped_at, state, warning_at,
                    due_at, counted_micros, paused_micros
                from sla_clock where incident_id = any(:ids)""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(SlaClock.class)
                .setParameter("ids", incidentIds.toArray(Long[]::new)).getResultList();
        return rows.stream().map(ClockRepository::facts).toList();
    }

    private static ClockFacts facts(Object[] row) {
        return new ClockFacts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ClockKind.valueOf((String) row[2]), CalendarKind.valueOf((String) row[3]), ((Number) row[4]).longValue(),
                Timestamps.ofColumn(row[5]), Timestamps.ofColumn(row[6]), ClockState.valueOf((String) row[7]),
                Timestamps.ofColumn(row[8]), Timestamps.ofColumn(row[9]), ClockFacts.ofMicros((Number) row[10]),
                ClockFacts.ofMicros((Number) row[11]));
    }

    /**
     * The clocks' pauses, by clock, in order. Only clocks of a kind that pauses are looked up: a triage clock has
     * none, and leaving it out halves a page's lookups (a page of 50 incidents asks for 50, not 100, which also keeps
     * PostgreSQL probing the index of a small pause table rather than scanning it whole).
     */
    public Map<Long, List<SlaPause>> pausesOf(Collection<SlaClock> clocks) {
        return pausesOfFacts(clocks.stream().map(SlaClock::facts).toList());
    }

    /** As {@link #pausesOf}, for clocks read as facts. */
    @SuppressWarnings("unchecked")
    public Map<Long, List<SlaPause>> pausesOfFacts(Collection<ClockFacts> clocks) {
        Long[] ids = clocks.stream().filter(c -> c.kind().pauses()).map(ClockFacts::id).toArray(Long[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return ((List<SlaPause>) entityManager.createNativeQuery(
                "select * from sla_pause where clock_id = any(:ids) order by started_at, id", SlaPause.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(SlaPause.class)
                .setParameter("ids", ids).getResultList()).stream()
                .collect(Collectors.groupingBy(p -> p.clockId));
    }

    /**
     * Clocks with a threshold due, with their incidents, locked, read in one query; rows held elsewhere (another
     * sweep, a change in progress) are skipped and picked up by the next sweep. Incident before clock, the order
     * every change takes. {@code FOR NO KEY UPDATE}, the lock Hibernate takes for a change: a stronger one would skip
     * every incident that a row being written about holds shared by its foreign key (a recording being copied in, for
     * seconds). The clocks are read read-only, for {@link #writeDerived} to write back: Hibernate would flush them one
     * UPDATE each.
     */
    @SuppressWarnings("unchecked")
    public List<SlaClock> lockDue(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                select c.* from sla_clock c join incident i on i.id = c.incident_id
                where c.next_threshold_at <= :now
                order by c.next_threshold_at limit :limit
                for no key update of i, c skip locked""", SlaClock.class)
                .setParameter("now", now).setParameter("limit", limit).setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
    }

    /**
     * Writes the derived columns (state, instants, fired flags, instants told) of clocks read by {@link #lockDue}, all
     * in one statement. Instants travel as ISO-8601 text, which carries its offset, as in the history's insert.
     */
    public void writeDerived(List<SlaClock> clocks) {
        entityManager.createNativeQuery("""
                update sla_clock c set state = u.state, warning_at = u.warning_at, due_at = u.due_at,
                    warning_fired = u.warning_fired, breach_fired = u.breach_fired,
                    warning_told_for = u.warning_told_for, breach_told_for = u.breach_told_for,
                    next_threshold_at = u.next_threshold_at, version = c.version + 1
                from unnest(cast(:ids as bigint[]), cast(:states as varchar[]),
                        cast(cast(:warnings as varchar[]) as timestamptz[]),
                        cast(cast(:dues as varchar[]) as timestamptz[]), cast(:warningFired as boolean[]),
                        cast(:breachFired as boolean[]), cast(cast(:warningToldFor as varchar[]) as timestamptz[]),
                        cast(cast(:breachToldFor as varchar[]) as timestamptz[]),
                        cast(cast(:nexts as varchar[]) as timestamptz[]))
                    as u (id, state, warning_at, due_at, warning_fired, breach_fired, warning_told_for,
                        breach_told_for, next_threshold_at)
                where c.id = u.id""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(SlaClock.class)
                .setParameter("ids", clocks.stream().map(c -> c.id).toArray(Long[]::new))
                .setParameter("states", clocks.stream().map(c -> c.state.name()).toArray(String[]::new))
                .setParameter("warnings", instants(clocks, c -> c.warningAt))
                .setParameter("dues", instants(clocks, c -> c.dueAt))
                .setParameter("warningFired", clocks.stream().map(c -> c.warningFired).toArray(Boolean[]::new))
                .setParameter("breachFired", clocks.stream().map(c -> c.breachFired).toArray(Boolean[]::new))
                .setParameter("warningToldFor", instants(clocks, c -> c.warningToldFor))
                .setParameter("breachToldFor", instants(clocks, c -> c.breachToldFor))
                .setParameter("nexts", instants(clocks, c -> c.nextThresholdAt))
                .executeUpdate();
    }

    /**
     * The service-hours clocks not stopped whose count could change with {@code :days}: those whose span from start to
     * stored deadline, in London dates, holds one of them; for a clock that stores no deadline (a paused one), from
     * start to now, as the days it counted before its wait may now count more and put it past its target, or less and
     * bring it back.
     */
    private static final String COUNTING_ON_DAYS = """
            select c.id, c.incident_id from sla_clock c
            where c.stopped_at is null and c.calendar = :calendar
                and exists (select from unnest(cast(cast(:days as varchar[]) as date[])) as d (day)
                    where d.day between cast(c.started_at at time zone 'Europe/London' as date)
                        and cast(coalesce(c.due_at, cast(:now as timestamptz)) at time zone 'Europe/London'
                            as date))""";

    /**
     * Makes due for the sweep, at {@code now}, every clock whose count could change with {@code days}
     * ({@link #COUNTING_ON_DAYS}). The sweep then works out each again by the calendar in use, fires what it now
     * crosses and stores its new instants. The clocks are locked in the order of their incidents, so this waits on
     * changes in progress, and their version moves, as for any write of a clock. Their incidents' versions move too,
     * as the deadlines they show have moved (a client holding one may no longer take a 304 for it); those a change
     * holds are skipped, not waited for: waiting on an incident while holding clocks would deadlock with a change that
     * holds one incident and waits on another (a duplicate's resolution on its original). A change that alters the
     * incident moves its version anyway; one skipped otherwise is moved when these days are made due once more, a
     * refresh period later.
     */
    public int dueAgainIfCountingOn(Collection<LocalDate> days, Instant now) {
        if (days.isEmpty()) {
            return 0;
        }
        int clocks = countingOn(days, now, """
                update sla_clock set next_threshold_at = cast(:now as timestamptz), version = version + 1
                where id in (select c.id from sla_clock c where c.id in (select id from (%s) as due)
                    order by c.incident_id, c.id for update)""")
                .addSynchronizedEntityClass(SlaClock.class).executeUpdate();
        countingOn(days, now, """
                update incident set version = version + 1 where id in (select i.id from incident i
                    where i.id in (select incident_id from (%s) as due) for no key update skip locked)""")
                .addSynchronizedQuerySpace("incident").executeUpdate();
        return clocks;
    }

    /** The statement {@code sql}, whose {@code %s} is {@link #COUNTING_ON_DAYS}, bound to its days. */
    private NativeQuery<?> countingOn(Collection<LocalDate> days, Instant now, String sql) {
        return entityManager.createNativeQuery(sql.formatted(COUNTING_ON_DAYS)).unwrap(NativeQuery.class)
                .setParameter("now", now.toString()).setParameter("calendar", CalendarKind.SERVICE_HOURS.name())
                .setParameter("days", days.stream().map(LocalDate::toString).toArray(String[]::new));
    }

    /**
     * Forgets the thresholds that instances of the release before recorded for these clocks of the incident, which
     * restarted and may cross them anew. Such an instance, still running beside this one during a rolling update,
     * skips a threshold it finds recorded there; this release neither writes nor reads the table. Goes with the
     * table, once no instance of that release can run (README, upgrading).
     */
    public void forgetEarlierReleasesThresholds(long incidentId, List<String> kinds) {
        if (!kinds.isEmpty()) {
            entityManager.createNativeQuery("delete from sla_threshold_event where incident_id = :incident"
                    + " and kind = any(:kinds)").unwrap(NativeQuery.class).addSynchronizedQuerySpace("sla_threshold_event")
                    .setParameter("incident", incidentId).setParameter("kinds", kinds.toArray(String[]::new))
                    .executeUpdate();
        }
    }

    /** A wait for information due a reminder, and its incident. */
    public record LongWait(SlaPause pause, long incidentId) {
    }

    /**
     * Waits for information due a reminder, locked with their incidents (incident first, the order every change
     * takes; {@code FOR NO KEY UPDATE}, as {@link #lockDue}); rows held elsewhere are skipped and picked up by the next
     * sweep.
     */
    @SuppressWarnings("unchecked")
    public List<LongWait> lockDueReminders(Instant now, int limit) {
        List<SlaPause> pauses = entityManager.createNativeQuery("""
                select p.* from sla_pause p
                join sla_clock c on c.id = p.clock_id join incident i on i.id = c.incident_id
                where p.reminder_due_at <= :now and p.ended_at is null
                order by p.reminder_due_at limit :limit
                for no key update of i, p skip locked""", SlaPause.class).setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        if (pauses.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> incidentOfClock = ((List<Object[]>) entityManager.createNativeQuery(
                "select id, incident_id from sla_clock where id = any(:ids)")
                .setParameter("ids", pauses.stream().map(p -> p.clockId).distinct().toArray(Long[]::new))
                .getResultList()).stream()
                .collect(Collectors.toMap(row -> ((Number) row[0]).longValue(), row -> ((Number) row[1]).longValue()));
        return pauses.stream().map(p -> new LongWait(p, incidentOfClock.get(p.clockId))).toList();
    }

    /** The clocks of open incidents by the state they show now (AT_RISK and BREACHED read off the instants). */
    public Map<ClockState, Long> countOpenByState() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select count(*) filter (where state = 'RUNNING' and warning_at > now()),
                       count(*) filter (where state = 'RUNNING' and warning_at <= now() and due_at > now()),
                       count(*) filter (where state = 'PAUSED'),
                       count(*) filter (where state = 'BREACHED' or (state = 'RUNNING' and due_at <= now()))
                from sla_clock where state in ('RUNNING', 'PAUSED', 'BREACHED') and stopped_at is null""")
                .getSingleResult();
        Map<ClockState, Long> counts = new EnumMap<>(ClockState.class);
        counts.put(ClockState.RUNNING, ((Number) row[0]).longValue());
        counts.put(ClockState.AT_RISK, ((Number) row[1]).longValue());
        counts.put(ClockState.PAUSED, ((Number) row[2]).longValue());
        counts.put(ClockState.BREACHED, ((Number) row[3]).longValue());
        return counts;
    }

    /** Waits for information still open after at least one reminder. */
    public long countOverdueWaits() {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from sla_pause where ended_at is null and reminders > 0").getSingleResult()).longValue();
    }
}
