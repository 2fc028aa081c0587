package uk.nhs.incidents.sla.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy.SeverityTargets;

/**
 * The changes admins made to the service-level targets (V44), the newest in force: appended, never changed, each read
 * in one statement, so that a reading holds one change whole.
 */
@ApplicationScoped
public class ServiceLevelSettingsRepository {

    private static final String TABLE = "service_level_change";
    /** The stored form is the service's own, read by this class alone. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A change: who made it when, and the targets it set by severity with the test-phase calendar; both null for a
     * change back to the configured targets. Targets that cannot be read come back as an empty map.
     */
    public record Change(long id, Instant changedAt, String changedBy, String changedByOrganisation,
            Map<Integer, SeverityTargets> targets, CalendarKind testPhaseCalendar) {

        public boolean setsTargets() {
            return targets != null;
        }
    }

    /** One severity's targets as stored. */
    private record Stored(String triage, String resolution, CalendarKind calendar) {
    }

    private final EntityManager entityManager;

    ServiceLevelSettingsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The newest change, if an admin ever made one. */
    @SuppressWarnings("unchecked")
    public Optional<Change> newest() {
        List<Object[]> rows = entityManager.createNativeQuery("select id, changed_at, changed_by, changed_by_ods, "
                + "cast(targets as text), test_phase_calendar from " + TABLE + " order by id desc limit 1")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE).getResultList();
        return rows.stream().findFirst().map(row -> new Change(((Number) row[0]).longValue(),
                Timestamps.ofColumn(row[1]), (String) row[2], (String) row[3],
                row[4] == null ? null : decode((String) row[4]),
                row[5] == null ? null : CalendarKind.valueOf((String) row[5])));
    }

    /** Appends a change setting {@code policy}; sent before this returns. */
    public void set(ServiceLevelPolicy policy, String user, String organisation, Instant now) {
        append(encode(policy.bySeverity()), policy.testPhaseCalendar().name(), user, organisation, now);
    }

    /** Appends a change back to the configured targets; sent before this returns. */
    public void reset(String user, String organisation, Instant now) {
        append(null, null, user, organisation, now);
    }

    private void append(String targets, String testPhaseCalendar, String user, String organisation, Instant now) {
        entityManager.createNativeQuery("insert into " + TABLE + " (changed_at, changed_by, changed_by_ods, targets, "
                + "test_phase_calendar) values (:at, :user, :organisation, cast(:targets as jsonb), :calendar)")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE)
                .setParameter("at", now).setParameter("user", user).setParameter("organisation", organisation)
                .setParameter("targets", targets, String.class)
                .setParameter("calendar", testPhaseCalendar, String.class).executeUpdate();
    }

    private static String encode(Map<Integer, SeverityTargets> bySeverity) {
        Map<Integer, Stored> stored = new TreeMap<>();
        bySeverity.forEach((severity, t) -> stored.put(severity,
                new Stored(t.triage().toString(), t.resolution().toString(), t.calendar())));
        try {
            return JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write service-level targets", e);
        }
    }

    private static Map<Integer, SeverityTargets> decode(String json) {
        try {
            Map<Integer, Stored> stored = JSON.readValue(json, new TypeReference<>() { });
            Map<Integer, SeverityTargets> targets = new TreeMap<>();
            stored.forEach((severity, s) -> targets.put(severity, new SeverityTargets(Duration.parse(s.triage()),
                    Duration.parse(s.resolution()), s.calendar())));
            return targets;
        } catch (JsonProcessingException | RuntimeException e) {
            return Map.of();
        }
    }
}
