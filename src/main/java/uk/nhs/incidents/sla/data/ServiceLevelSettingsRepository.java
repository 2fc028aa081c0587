package uk.nhs.incidents.sla.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy.SeverityTargets;

/** The service-level targets an admin set (V44), written and cleared whole. */
@ApplicationScoped
public class ServiceLevelSettingsRepository {

    /** The targets as set, and by whom when. */
    public record Stored(ServiceLevelPolicy policy, Instant updatedAt, String updatedBy, String updatedByOrganisation) {
    }

    private final EntityManager entityManager;

    ServiceLevelSettingsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The targets an admin set; empty while none are (the configured ones apply). */
    public Optional<Stored> read() {
        ServiceLevelSetting setting = entityManager.find(ServiceLevelSetting.class, ServiceLevelSetting.ONLY);
        if (setting == null) {
            return Optional.empty();
        }
        Map<Integer, SeverityTargets> targets = entityManager
                .createQuery("from ServiceLevelTarget", ServiceLevelTarget.class).getResultStream()
                .collect(Collectors.toMap(t -> t.severity, t -> new SeverityTargets(
                        Duration.ofSeconds(t.triageSeconds), Duration.ofSeconds(t.resolutionSeconds), t.calendar)));
        return Optional.of(new Stored(new ServiceLevelPolicy(targets, setting.testPhaseCalendar), setting.updatedAt,
                setting.updatedBy, setting.updatedByOrganisation));
    }

    /** Replaces whatever was set with {@code policy}; its statements are sent before this returns. */
    public void replace(ServiceLevelPolicy policy, String user, String organisation, Instant now) {
        clear();
        policy.bySeverity().forEach((severity, targets) -> {
            ServiceLevelTarget target = new ServiceLevelTarget();
            target.severity = severity;
            target.triageSeconds = targets.triage().toSeconds();
            target.resolutionSeconds = targets.resolution().toSeconds();
            target.calendar = targets.calendar();
            entityManager.persist(target);
        });
        ServiceLevelSetting setting = new ServiceLevelSetting();
        setting.testPhaseCalendar = policy.testPhaseCalendar();
        setting.updatedAt = now;
        setting.updatedBy = user;
        setting.updatedByOrganisation = organisation;
        entityManager.persist(setting);
        entityManager.flush();
    }

    /** Clears what was set, so that the configured targets apply again; sent before this returns. */
    public void clear() {
        entityManager.createQuery("delete from ServiceLevelTarget").executeUpdate();
        entityManager.createQuery("delete from ServiceLevelSetting").executeUpdate();
        entityManager.flush();
    }
}
