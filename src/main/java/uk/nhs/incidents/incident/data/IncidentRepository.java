package uk.nhs.incidents.incident.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.database.ByIds;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;
import uk.nhs.incidents.vocabulary.IncidentStatus;

@ApplicationScoped
public class IncidentRepository implements PanacheRepository<Incident> {

    /** First keys of the advisory locks held on references being given ({@link #hold}): "XREF" and "SREF". */
    private static final int EXTERNAL_REFERENCES = 0x58524546;
    private static final int SUPPLIER_REFERENCES = 0x53524546;

    /**
     * Each shown clock state as a condition on the stored clock. A running clock is stored RUNNING until the sweep
     * or a change records its breach, so the instants decide between RUNNING, AT_RISK and BREACHED.
     */
    private static final Map<ClockState, String> SLA_STATES = Map.of(
            ClockState.RUNNING, state(ClockState.RUNNING) + " and c.warningAt > :now",
            ClockState.AT_RISK, state(ClockState.RUNNING) + " and c.warningAt <= :now and c.dueAt > :now",
            ClockState.BREACHED, "(" + state(ClockState.BREACHED) + " or (" + state(ClockState.RUNNING)
                    + " and c.dueAt <= :now))",
            ClockState.PAUSED, state(ClockState.PAUSED),
            ClockState.MET, state(ClockState.MET),
            ClockState.CANCELLED, state(ClockState.CANCELLED));

    /**
     * The open states as literals, not a parameter, so that PostgreSQL can match the partial index of open
     * incidents (V8) and Hibernate translates the query once.
     */
    private static final String OPEN_STATES = IncidentStatus.OPEN.stream()
            .map(s -> IncidentStatus.class.getName() + "." + s.name()).collect(Collectors.joining(", ", "(", ")"));

    /** The same in SQL. */
    private static final String OPEN_LITERALS = literals(IncidentStatus.OPEN);

    /** The ended states in SQL. */
    private static final String ENDED_LITERALS = literals(IncidentStatus.ENDED);

    /** States as a list of SQL literals, {@code ('NEW', 'TRIAGED')}. */
    private static String literals(Set<IncidentStatus> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    /** A condition on the stored clock state, as an enum literal that the query plan keeps. */
    private static String state(ClockState state) {
        return "c.state = " + ClockState.class.getName() + "." + state.name();
    }

    public Optional<Incident> findInScope(long id, IncidentScope scope) {
        TypedQuery<Incident> query = getEntityManager()
                .createQuery("select i from Incident i where i.id = :id and " + scope.condition(), Incident.class)
                .setParameter("id", id);
        bindScope(query, scope);
        return query.getResultStream().findFirst();
    }

    /**
     * Holds, to the commit, the right to give a reference that another transaction checking the same one must wait
     * for: a twin raised or set at the same moment then finds the first once it commits, and names it, where the unique
     * index alone would refuse it without knowing which incident holds the reference. The key pairs a space of its own
     * ("XREF" or "SREF": two-key locks are apart from one-key ones) with the organisation and the reference.
     */
    private void hold(int space, String organisation, String reference) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(:space, hashtext(:key))")
                .setParameter("space", space).setParameter("key", organisation + " " + reference).getSingleResult();
    }

    /** Holds the reporter's external reference while it is checked and written ({@link #hold}). */
    public void holdExternalReference(String reporterOrganisation, String externalReference) {
        hold(EXTERNAL_REFERENCES, reporterOrganisation, externalReference);
    }

    /** Holds the supplier's reference while it is checked and written ({@link #hold}). */
    public void holdSupplierReference(String supplier, String supplierReference) {
        hold(SUPPLIER_REFERENCES, supplier, supplierReference);
    }

    public Optional<Incident> findByExternalReference(String reporterOrganisation, String externalReference) {
        return find("reporterOrganisation = ?1 and externalReference = ?2", reporterOrganisation, externalReference)
                .firstResultOptional();
    }

    public Optional<Incident> findBySupplierReference(String supplier, String supplierReference) {
        return find("supplier = ?1 and supplierReference = ?2", supplier, supplierReference).firstResultOptional();
    }

    /** An incident in a work queue, with the due instant it is ordered by ({@code null} when none). */
    public record Queued(Incident incident, Instant resolutionDue) {

        /** The cursor a page ending here hands on: (due or empty, id). */
        public Cursor cursor() {
            return position(resolutionDue, incident.id);
        }

        static Cursor position(Instant resolutionDue, long incidentId) {
            return Cursor.of(resolutionDue == null ? "" : resolutionDue, incidentId);
        }
    }

    /** Newest first; the cursor holds the (createdAt, id) of the last incident served. */
    public List<Incident> page(IncidentFilter filter, IncidentScope scope, PageRequest request, Instant now) {
        return page(filter, scope, request, now, FEW_CHANGED);
    }

    /** As {@link #page}, with the changed incidents looked up by id up to {@code fewChanged} of them. */
    List<Incident> page(IncidentFilter filter, IncidentScope scope, PageRequest request, Instant now,
            int fewChanged) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        filter(filter, scope, now, fewChanged, conditions, parameters);
        request.after().ifPresent(cursor -> {
            conditions.add("(i.createdAt, i.id) < (:afterAt, :afterId)");
            Cursor.TimeAndId after = cursor.timeAndId();
            parameters.put("afterAt", after.time());
            parameters.put("afterId", after.id());
        });
        TypedQuery<Incident> query = getEntityManager().createQuery("select i from Incident i where "
                + String.join(" and ", conditions) + " order by i.createdAt desc, i.id desc", Incident.class);
        parameters.forEach(query::setParameter);
        bindScope(query, scope);
        return query.setMaxResults(request.fetchSize()).getResultList();
    }

    /**
     * A work queue: open incidents, soonest resolution due first, then those paused short of it, by id; the cursor
     * holds the (due or empty, id) of the last served. A supplier's own queue, unfiltered (as a supplier opens it),
     * is read from its clocks ({@link #supplierQueue}); any other from the join below. An open incident's
     * resolution clock is never stopped; saying both lets PostgreSQL choose the page from the two partial indexes of
     * V8 alone, on ids and due instants, and read only the page's incidents whole.
     */
    public List<Queued> pageByResolutionDue(IncidentFilter filter, IncidentScope scope, PageRequest request,
            Instant now) {
        Optional<String> supplier = scope.onlySupplier().filter(s -> filter.isEmpty());
        if (supplier.isPresent()) {
            return supplierQueue(supplier.get(), request);
        }
        List<String> conditions = new ArrayList<>(List.of("i.status in " + OPEN_STATES));
        Map<String, Object> parameters = new HashMap<>();
        filter(filter, scope, now, FEW_CHANGED, conditions, parameters);
        request.after().ifPresent(cursor -> following(cursor, "r.dueAt", "i.id", conditions, parameters));
        TypedQuery<Object[]> query = getEntityManager().createQuery("select o, q.dueAt from Incident o"
                + counting("q", "o") + " where o.id in (select i.id from Incident i" + counting("r", "i")
                + " where " + String.join(" and ", conditions) + " order by r.dueAt asc nulls last, i.id asc"
                + " limit :size) order by q.dueAt asc nulls last, o.id asc", Object[].class);
        parameters.forEach(query::setParameter);
        bindScope(query, scope);
        return query.setParameter("size", request.fetchSize()).getResultStream()
                .map(row -> new Queued((Incident) row[0], (Instant) row[1])).toList();
    }

    /**
     * A supplier's own queue: its resolution clocks still counting, read in due order from their index (V20) a page
     * at a time, and of their incidents those open and still the supplier's, until the page is full or the clocks
     * run out. Every such clock's incident is, so one round is the rule. A join of clocks and incidents reads the
     * same, but PostgreSQL cannot know that a supplier's counting clocks and its open incidents are the same
     * incidents: it estimates the join at one row and sorts all of them (4,327 for a large supplier) for each page.
     */
    private List<Queued> supplierQueue(String supplier, PageRequest request) {
        List<Queued> page = new ArrayList<>();
        Optional<Cursor> after = request.after();
        while (true) {
            List<Object[]> clocks = countingClocks(supplier, after, request.fetchSize());
            Map<Long, Incident> incidents = byIds(clocks.stream().map(row -> (Long) row[0]).toList());
            for (Object[] clock : clocks) {
                Incident incident = incidents.get((Long) clock[0]);
                if (incident != null && incident.status.isOpen() && supplier.equals(incident.supplier)) {
                    page.add(new Queued(incident, (Instant) clock[1]));
                    if (page.size() == request.fetchSize()) {
                        return page;
                    }
                }
            }
            if (clocks.size() < request.fetchSize()) {
                return page;
            }
            Object[] last = clocks.get(clocks.size() - 1);
            after = Optional.of(Queued.position((Instant) last[1], (Long) last[0]));
        }
    }

    /** The (incident id, due) of a supplier's counting resolution clocks, in queue order, after the cursor. */
    private List<Object[]> countingClocks(String supplier, Optional<Cursor> after, int count) {
        List<String> conditions = new ArrayList<>(List.of("r.supplier = :supplier", stillCounting("r")));
        Map<String, Object> parameters = new HashMap<>(Map.of("supplier", supplier));
        after.ifPresent(cursor -> following(cursor, "r.dueAt", "r.incidentId", conditions, parameters));
        TypedQuery<Object[]> query = getEntityManager().createQuery("select r.incidentId, r.dueAt from SlaClock r"
                + " where " + String.join(" and ", conditions) + " order by r.dueAt asc nulls last, r.incidentId asc",
                Object[].class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(count).getResultList();
    }

    /** What follows the cursor's (due or empty, id) in queue order, as conditions on these paths. */
    private static void following(Cursor cursor, String due, String id, List<String> conditions,
            Map<String, Object> parameters) {
        Cursor.OptionalTimeAndId after = cursor.optionalTimeAndId();
        parameters.put("afterId", after.id());
        if (after.time().isEmpty()) {
            conditions.add(due + " is null and " + id + " > :afterId");
        } else {
            conditions.add("(" + due + " > :afterDue or " + due + " = :afterDue and " + id + " > :afterId or " + due
                    + " is null)");
            parameters.put("afterDue", after.time().get());
        }
    }

    /** Joins the resolution clock, as {@code clock}, of incident {@code incident}, not stopped. */
    private static String counting(String clock, String incident) {
        return " join SlaClock " + clock + " on " + clock + ".incidentId = " + incident + ".id and "
                + stillCounting(clock);
    }

    /** {@code clock} is a resolution clock not stopped: the ones a work queue is ordered by. */
    private static String stillCounting(String clock) {
        return clock + ".kind = " + ClockKind.class.getName() + ".RESOLUTION and " + clock + ".stoppedAt is null";
    }

    /**
     * Beyond this many incidents changed since the instant asked, the changed ones are found by reading the caller's
     * list in its order and asking each; up to it, they are looked up by id. On 1,000,000 incidents, the largest
     * supplier's 77,466 (bench/changed-since.sh, bench/README.md): the last hour's changed incidents by id in a few
     * ms, where asking each of the supplier's took about 200 ms; the last week's by asking each in under a
     * millisecond, where gathering them first took over 100 ms.
     */
    private static final int FEW_CHANGED = 2_000;

    /**
     * How many history entries are read, per incident looked up, to count the incidents changed: a sweep's batch or
     * a major incident's update writes one for each of many incidents, a change a few for one.
     */
    private static final int ENTRIES_READ_PER_INCIDENT = 5;

    /**
     * The incidents changed since {@code since}: their own fields ({@code updatedAt}), or anything recorded in their
     * history since, which leaves the incident's row as it is (a comment, evidence, a service-level event, a major
     * incident's update). Read from the incidents' index by the last change (V2) and the history's by time (V32).
     */
    private void changedSince(Instant since, int fewChanged, List<String> conditions, Map<String, Object> parameters) {
        Optional<Set<Long>> few = fewChangedSince(since, fewChanged);
        if (few.isEmpty()) {
            add(conditions, parameters, "(i.updatedAt >= :updatedSince or exists (select 1 from HistoryEntry h"
                    + " where h.incidentId = i.id and h.occurredAt >= :updatedSince))", "updatedSince", since);
        } else if (few.get().isEmpty()) {
            conditions.add("false");
        } else {
            add(conditions, parameters, "i.id in :changed", "changed", few.get());
        }
    }

    /**
     * The incidents changed since {@code since}, if at most {@code fewChanged}: each time index read only that far
     * (a union would gather every change since before its limit applied: about 90 ms for the last month's).
     */
    @SuppressWarnings("unchecked")
    private Optional<Set<Long>> fewChangedSince(Instant since, int fewChanged) {
        long entries = (long) fewChanged * ENTRIES_READ_PER_INCIDENT + 1;
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                (select 'i', id from incident where updated_at >= :since limit :incidents)
                union all (select 'h', incident_id from incident_history where occurred_at >= :since limit :entries)""")
                .setParameter("since", since).setParameter("incidents", (long) fewChanged + 1)
                .setParameter("entries", entries).getResultList();
        Map<Object, Long> read = rows.stream().collect(Collectors.groupingBy(row -> row[0], Collectors.counting()));
        Set<Long> changed = rows.stream().map(row -> ((Number) row[1]).longValue()).collect(Collectors.toSet());
        boolean cut = read.getOrDefault("i", 0L) > fewChanged || read.getOrDefault("h", 0L) >= entries;
        return cut || changed.size() > fewChanged ? Optional.empty() : Optional.of(changed);
    }

    /** The caller's scope and the list filters, as conditions over {@code Incident i}. */
    private void filter(IncidentFilter filter, IncidentScope scope, Instant now, int fewChanged,
            List<String> conditions, Map<String, Object> parameters) {
        conditions.add(scope.condition());
        filter.status().ifPresent(v -> add(conditions, parameters, "i.status = :status", "status", v));
        filter.open().ifPresent(open -> conditions.add((open ? "i.status in " : "i.status not in ") + OPEN_STATES));
        filter.phase().ifPresent(v -> add(conditions, parameters, "i.phase = :phase", "phase", v));
        filter.severity().ifPresent(v -> add(conditions, parameters, "i.severity = :severity", "severity", v));
        filter.deploymentId().ifPresent(v -> add(conditions, parameters, "i.deploymentId = :deployment", "deployment", v));
        filter.supplier().ifPresent(v -> add(conditions, parameters, "i.supplier = :supplier", "supplier", v));
        filter.externalReference().ifPresent(v -> add(conditions, parameters,
                "i.externalReference = :externalReference", "externalReference", v));
        filter.supplierReference().ifPresent(v -> add(conditions, parameters,
                "i.supplierReference = :supplierReference", "supplierReference", v));
        filter.updatedSince().ifPresent(since -> changedSince(since, fewChanged, conditions, parameters));
        filter.slaState().ifPresent(state -> {
            conditions.add("exists (select 1 from SlaClock c where c.incidentId = i.id and " + SLA_STATES.get(state) + ")");
            if (SLA_STATES.get(state).contains(":now")) {
                parameters.put("now", now);
            }
        });
    }

    /** A deployment's incidents not yet ended (resolved ones included), locked in id order (the order concurrent changes lock them in). */
    public List<Incident> lockOpenOfDeployment(long deploymentId) {
        return getEntityManager().createQuery("select i from Incident i where i.deploymentId = :deployment"
                + " and i.status not in (:ended) order by i.id", Incident.class)
                .setParameter("deployment", deploymentId).setParameter("ended", IncidentStatus.ENDED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** The incident, locked until the transaction ends, so that concurrent changes queue and see each other. */
    public Optional<Incident> findInScopeForUpdate(long id, IncidentScope scope) {
        TypedQuery<Incident> query = getEntityManager()
                .createQuery("select i from Incident i where i.id = :id and " + scope.condition(), Incident.class)
                .setParameter("id", id).setLockMode(LockModeType.PESSIMISTIC_WRITE);
        bindScope(query, scope);
        return query.getResultStream().findFirst();
    }

    /**
     * The incident, held shared until the transaction ends: it may not change meanwhile, while others may read it
     * the same way (the incident a duplicate points to).
     */
    public Optional<Incident> findInScopeForShare(long id, IncidentScope scope) {
        TypedQuery<Incident> query = getEntityManager()
                .createQuery("select i from Incident i where i.id = :id and " + scope.condition(), Incident.class)
                .setParameter("id", id).setLockMode(LockModeType.PESSIMISTIC_READ);
        bindScope(query, scope);
        return query.getResultStream().findFirst();
    }

    /**
     * Whether an incident not yet ended routes the organisation, now or formerly, or was raised by it: each found
     * from the organisation's own index entries, stopping at the first.
     */
    public boolean involvesNotEnded(String odsCode) {
        return !getEntityManager().createNativeQuery("""
                select 1 where exists (select 1 from incident_route r join incident i on i.id = r.incident_id
                        where r.ods_code = :code and i.status not in %1$s)
                    or exists (select 1 from incident i where i.reporter_ods = :code and i.status not in %1$s)"""
                .formatted(ENDED_LITERALS)).setParameter("code", odsCode).getResultList().isEmpty();
    }

    /** How many incidents are resolved as duplicates of this one. */
    public long countDuplicatesOf(long incidentId) {
        return count("duplicateOfId", incidentId);
    }

    /**
     * The open incidents linked to a major incident, locked in id order (the order every change locks them in).
     * {@code FOR NO KEY UPDATE}, the lock Hibernate takes for a change, not {@code FOR UPDATE}: no change alters an
     * incident's key, and a stronger lock would wait for every row being written about the incident, whose foreign
     * key holds the incident's key shared until it commits (a recording being copied in, for seconds).
     */
    @SuppressWarnings("unchecked")
    public List<Incident> lockOpenLinked(long majorIncidentId) {
        return getEntityManager().createNativeQuery("select * from incident where major_incident_id = :major"
                + " and status in " + OPEN_LITERALS + " order by id for no key update", Incident.class)
                .setParameter("major", majorIncidentId).getResultList();
    }

    /**
     * The ids of the incidents linked to a major incident that have not ended (closed or cancelled), locked
     * {@code FOR SHARE} in id order: one closing meanwhile is waited for and then left out, as it now stands.
     */
    @SuppressWarnings("unchecked")
    public List<Long> lockLinkedNotEndedIds(long majorIncidentId) {
        return ((List<Number>) getEntityManager().createNativeQuery("select id from incident"
                + " where major_incident_id = :major and status not in " + ENDED_LITERALS + " order by id for share")
                .setParameter("major", majorIncidentId).getResultList()).stream().map(Number::longValue).toList();
    }

    /** A page of the incidents linked to a major incident within the scope, by id; the cursor holds the last id. */
    public List<Incident> pageLinked(long majorIncidentId, IncidentScope scope, PageRequest request) {
        String after = request.after().isPresent() ? " and i.id > :afterId" : "";
        TypedQuery<Incident> query = getEntityManager().createQuery("select i from Incident i where"
                + " i.majorIncidentId = :major and " + scope.condition() + after + " order by i.id", Incident.class)
                .setParameter("major", majorIncidentId);
        request.after().ifPresent(cursor -> query.setParameter("afterId", cursor.id()));
        bindScope(query, scope);
        return query.setMaxResults(request.fetchSize()).getResultList();
    }

    /** How many incidents each of the major incidents has linked, in one query; none linked is absent. */
    @SuppressWarnings("unchecked")
    public Map<Long, Long> countLinked(Collection<Long> majorIncidentIds) {
        if (majorIncidentIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = getEntityManager().createNativeQuery("select major_incident_id, count(*) from incident"
                + " where major_incident_id = any(:ids) group by major_incident_id")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Incident.class)
                .setParameter("ids", majorIncidentIds.toArray(Long[]::new)).getResultList();
        return rows.stream().collect(Collectors.toMap(row -> ((Number) row[0]).longValue(),
                row -> ((Number) row[1]).longValue()));
    }

    /**
     * Resolved incidents due to close, locked ({@code FOR NO KEY UPDATE}, see {@link #lockOpenLinked}); rows another
     * instance holds are skipped, not waited for.
     */
    @SuppressWarnings("unchecked")
    public List<Long> lockDueForAutoClose(Instant now, int limit) {
        return ((List<Number>) getEntityManager().createNativeQuery("""
                select id from incident where status = 'RESOLVED' and auto_close_due_at <= :now
                and (not clinical_safety or reviewed_at is not null)
                order by auto_close_due_at limit :limit for no key update skip locked""")
                .setParameter("now", now).setParameter("limit", limit).getResultList())
                .stream().map(Number::longValue).toList();
    }

    private static void add(List<String> conditions, Map<String, Object> parameters, String condition, String name,
            Object value) {
        conditions.add(condition);
        parameters.put(name, value);
    }

    private static void bindScope(TypedQuery<?> query, IncidentScope scope) {
        if (scope.bindsOrganisation()) {
            query.setParameter(IncidentScope.PARAMETER, scope.organisation());
        }
    }

    /** The incidents with these ids, by id, in one query. */
    public Map<Long, Incident> byIds(Collection<Long> ids) {
        return ByIds.load(getEntityManager(), Incident.class, ids, e -> e.id);
    }
}
