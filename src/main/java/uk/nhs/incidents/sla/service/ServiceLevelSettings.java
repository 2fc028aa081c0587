package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.cache.DataVersions;
import uk.nhs.incidents.common.cache.ReferenceCaches;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.common.cache.VersionedCache;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.data.ServiceLevelSettingsRepository;
import uk.nhs.incidents.sla.data.ServiceLevelSettingsRepository.Stored;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;

/**
 * The service-level targets in force: those an admin set over the API, or, while none are, the configured ones
 * ({@code incidents.sla.severity.N.*}). Every clock that starts or is retargeted reads them from this instance's
 * cache, at most {@code incidents.cache.refresh} behind a change made on another instance. A change applies from
 * then on: clocks already running keep the target they started with until a change of the incident (its severity,
 * its phase, a reopening) retargets them.
 */
@ApplicationScoped
public class ServiceLevelSettings {

    /** Its row in reference_data_version. */
    public static final String NAME = "service_level";
    private static final String SETTINGS = "service-level targets";
    private static final Logger LOG = Logger.getLogger(ServiceLevelSettings.class);

    /** The targets in force, set by an admin (with who and when) or configured ({@code stored} empty). */
    public record InForce(ServiceLevelPolicy policy, Optional<Stored> stored) {
    }

    /** The targets in force, with the version a change names in {@code If-Match}. */
    public record Versioned(InForce inForce, long version) {
    }

    private final ServiceLevelSettingsRepository settings;
    private final DataVersions versions;
    private final Event<ReferenceDataChanged> changed;
    private final ServiceLevelPolicy configured;
    private final VersionedCache<InForce> cache;
    private final Clock clock;

    ServiceLevelSettings(ServiceLevelSettingsRepository settings, DataVersions versions,
            Event<ReferenceDataChanged> changed, ReferenceCaches caches, SlaConfig config, Clock clock) {
        this.settings = settings;
        this.versions = versions;
        this.changed = changed;
        this.configured = config.policy();
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

    /** Sets the targets when {@code If-Match} names the current version (its row locked first: one admin wins). */
    @Transactional
    public Versioned replace(ServiceLevelPolicy policy, String ifMatch, Caller caller) {
        lockCurrent(ifMatch);
        Instant now = Timestamps.now(clock);
        settings.replace(policy, caller.user(), caller.organisation(), now);
        LOG.infof("Service-level targets set by an admin of %s", caller.organisation());
        return new Versioned(read(), versions.of(NAME));
    }

    /** Clears the targets an admin set, so that the configured ones apply again. */
    @Transactional
    public Versioned reset(String ifMatch, Caller caller) {
        lockCurrent(ifMatch);
        settings.clear();
        LOG.infof("Service-level targets reset to the configured ones by an admin of %s", caller.organisation());
        return new Versioned(read(), versions.of(NAME));
    }

    private void lockCurrent(String ifMatch) {
        EntityTag.requirePresent(ifMatch, SETTINGS);
        EntityTag.requireCurrent(ifMatch, versions.locked(NAME), SETTINGS);
        changed.fire(new ReferenceDataChanged(NAME));
    }

    private InForce read() {
        Optional<Stored> stored = settings.read();
        return new InForce(stored.map(Stored::policy).orElse(configured), stored);
    }
}
