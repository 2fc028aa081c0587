package uk.nhs.incidents.sla.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.cache.DataVersions;
import uk.nhs.incidents.common.cache.ReferenceCaches;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.common.cache.VersionedCache;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.data.ServiceLevelSettingsRepository;
import uk.nhs.incidents.sla.data.ServiceLevelSettingsRepository.Change;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;

/**
 * The service-level targets in force: those an admin set over the API, or, while none are, the configured ones
 * ({@code incidents.sla.severity.N.*}). Every clock that starts or is retargeted reads them from this instance's
 * cache, at most {@code incidents.cache.refresh} behind a change made on another instance. A change applies from
 * then on: clocks already running keep the target they started with until a change of the incident (its severity,
 * its phase, a reopening) retargets them (docs/adr/0018). Made at start-up, so that configured targets an admin could
 * not set stop the start rather than the first raise.
 */
@Startup
@ApplicationScoped
public class ServiceLevelSettings {

    /** Its row in reference_data_version. */
    public static final String NAME = "service_level";
    private static final String SETTINGS = "service-level target set";
    private static final Logger LOG = Logger.getLogger(ServiceLevelSettings.class);

    /** The targets in force: an admin's ({@code set}) or the configured ones; and the last change, if any. */
    public record InForce(ServiceLevelPolicy policy, boolean set, Optional<Change> lastChange) {
    }

    /** The targets in force, with the version a change names in {@code If-Match}. */
    public record Versioned(InForce inForce, long version) {
    }

    private final ServiceLevelSettingsRepository changes;
    private final DataVersions versions;
    private final Event<ReferenceDataChanged> changed;
    private final ServiceLevelPolicy configured;
    private final Clock clock;
    private final VersionedCache<InForce> cache;

    ServiceLevelSettings(ServiceLevelSettingsRepository changes, DataVersions versions,
            Event<ReferenceDataChanged> changed, ReferenceCaches caches, SlaConfig config, Clock clock) {
        this.changes = changes;
        this.versions = versions;
        this.changed = changed;
        this.configured = config.policy();
        List<Violation> unfit = ServiceLevelPolicy.violations(configured.bySeverity());
        if (!unfit.isEmpty()) {
            throw new IllegalStateException("The configured service-level targets (incidents.sla.severity.N) are "
                    + "not targets an admin could set: " + unfit);
        }
        this.clock = clock;
        this.cache = caches.create(NAME, this::read);
    }

    /** The targets every clock is started and retargeted by. */
    public ServiceLevelPolicy policy() {
        return cache.current().policy();
    }

    /**
     * As stored now, for reading over the API; the version is read first, so that a change committed between the
     * two reads gives the new targets with the old version (which a change naming it is refused for), never the old
     * targets with the new version.
     */
    public Versioned current() {
        long version = versions.of(NAME);
        return new Versioned(read(), version);
    }

    /**
     * Sets the targets when {@code If-Match} names the current version (its row locked first: of two admins, one
     * wins and the other is told 412); the targets are worked out from the request only then.
     */
    @Transactional
    public Versioned set(Supplier<ServiceLevelPolicy> targets, String ifMatch, Caller caller) {
        long version = lockCurrent(ifMatch);
        ServiceLevelPolicy policy = targets.get();
        changes.set(policy, caller.user(), caller.organisation(), Timestamps.now(clock));
        LOG.infof("Service-level targets set by an admin of %s (version %d)", caller.organisation(), version);
        return new Versioned(read(), versions.of(NAME));
    }

    /** Goes back to the configured targets, recorded as a change as any other. */
    @Transactional
    public Versioned reset(String ifMatch, Caller caller) {
        long version = lockCurrent(ifMatch);
        changes.reset(caller.user(), caller.organisation(), Timestamps.now(clock));
        LOG.infof("Service-level targets reset to the configured ones by an admin of %s (version %d)",
                caller.organisation(), version);
        return new Versioned(read(), versions.of(NAME));
    }

    private long lockCurrent(String ifMatch) {
        EntityTag.requirePresent(ifMatch, SETTINGS);
        long version = versions.locked(NAME);
        EntityTag.requireCurrent(ifMatch, version, SETTINGS);
        changed.fire(new ReferenceDataChanged(NAME));
        return version;
    }

    /**
     * The newest change's targets, or the configured ones; stored targets that are not a whole, valid set (written by
     * hand in SQL, say) are logged and the configured ones apply, rather than every raise failing.
     */
    private InForce read() {
        Optional<Change> newest = changes.newest();
        if (newest.isEmpty() || !newest.get().setsTargets()) {
            return new InForce(configured, false, newest);
        }
        Change change = newest.get();
        List<Violation> unfit = ServiceLevelPolicy.violations(change.targets());
        if (!unfit.isEmpty()) {
            LOG.errorf("The service-level targets of change %d cannot be used, so the configured ones apply: %s",
                    change.id(), unfit);
            return new InForce(configured, false, newest);
        }
        return new InForce(new ServiceLevelPolicy(change.targets(), change.testPhaseCalendar()), true, newest);
    }
}
