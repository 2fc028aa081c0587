package uk.nhs.incidents.party.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.cache.ReferenceCaches;
import uk.nhs.incidents.common.cache.VersionedCache;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.party.domain.OrganisationRegister;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.domain.RegisteredOrganisation;

/**
 * The registered organisations as every request reads them (role fit, routing, notifications), kept in memory and
 * at most {@code incidents.cache.refresh} behind the database. An organisation the copy lacks is asked for again
 * at once: one registered a moment ago, perhaps on another instance, is found, not taken for unregistered.
 */
@ApplicationScoped
public class OrganisationCache {

    /** Its row in reference_data_version. */
    public static final String NAME = "organisation";

    private final VersionedCache<OrganisationRegister> cache;

    OrganisationCache(ReferenceCaches caches, OrganisationRepository organisations) {
        this.cache = caches.create(NAME, () -> new OrganisationRegister(organisations.registered()));
    }

    /** The organisations as of at most a refresh period ago. */
    public OrganisationRegister current() {
        return cache.current();
    }

    /** The organisations as of now, for a decision that a refresh period's lag would get wrong. */
    public OrganisationRegister latest() {
        return cache.latest();
    }

    /** Those of {@code odsCodes} that are registered, the register checked again when some are not found. */
    public Map<String, RegisteredOrganisation> byCode(Collection<String> odsCodes) {
        OrganisationRegister register = current();
        return (register.hasAll(odsCodes) ? register : latest()).byCode(odsCodes);
    }

    public Optional<OrganisationType> typeOf(String odsCode) {
        return Optional.ofNullable(byCode(List.of(odsCode)).get(odsCode)).map(RegisteredOrganisation::type);
    }
}
