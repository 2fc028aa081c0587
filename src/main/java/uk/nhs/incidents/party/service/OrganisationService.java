package uk.nhs.incidents.party.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.common.database.UniqueConstraints;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.party.api.OrganisationRequest;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.security.Caller;

@ApplicationScoped
public class OrganisationService {

    private static final String ORGANISATION = "organisation";
    private static final String PRIMARY_KEY = "organisation_pkey";

    private final OrganisationRepository organisations;
    private final Event<ReferenceDataChanged> changed;
    private final Event<OrganisationTypeChanging> typeChanging;
    private final Clock clock;

    OrganisationService(OrganisationRepository organisations, Event<ReferenceDataChanged> changed,
            Event<OrganisationTypeChanging> typeChanging, Clock clock) {
        this.organisations = organisations;
        this.changed = changed;
        this.typeChanging = typeChanging;
        this.clock = clock;
    }

    public Optional<Organisation> find(String odsCode) {
        return organisations.findByIdOptional(odsCode);
    }

    public List<Organisation> page(PageRequest request) {
        return organisations.page(request);
    }

    @Transactional
    public Organisation create(OrganisationRequest request) {
        if (Caller.SYSTEM.equals(request.odsCode())) {
            // The service's own changes are recorded as this organisation's: one registered under it would not be
            // told of the changes the service made (the actor is never told of its own) and would read as the service.
            throw new InvalidInputException("odsCode", "is reserved: " + Caller.SYSTEM + " names the service itself");
        }
        if (organisations.findByIdOptional(request.odsCode()).isPresent()) {
            throw duplicate(request.odsCode());
        }
        changed.fire(new ReferenceDataChanged(OrganisationCache.NAME));
        Organisation organisation = new Organisation();
        organisation.odsCode = request.odsCode();
        organisation.createdAt = Timestamps.now(clock);
        apply(request, organisation, organisation.createdAt);
        try {
            organisations.persistAndFlush(organisation);
        } catch (PersistenceException e) {
            // Registered at the same moment by another admin: the key settles it, and the loser is told as the check
            // above would have told it.
            if (UniqueConstraints.broke(e, PRIMARY_KEY)) {
                throw duplicate(request.odsCode());
            }
            throw e;
        }
        return organisation;
    }

    private static ConflictException duplicate(String odsCode) {
        return new ConflictException("duplicate-organisation", "Organisation exists",
                "An organisation with ODS code " + odsCode + " already exists.");
    }

    /**
     * Replaces the organisation when {@code If-Match} names its current version. It is locked first, so that of two
     * admins editing the same version one wins and the other answers 412, never overwriting it unseen.
     */
    @Transactional
    public Optional<Organisation> update(String odsCode, OrganisationRequest request, String ifMatch) {
        if (!odsCode.equals(request.odsCode())) {
            throw new InvalidInputException("odsCode", "must match the ODS code in the path; ODS codes never change");
        }
        EntityTag.requirePresent(ifMatch, ORGANISATION);
        return organisations.findByIdOptional(odsCode, LockModeType.PESSIMISTIC_WRITE).map(organisation -> {
            EntityTag.requireCurrent(ifMatch, organisation.version, ORGANISATION);
            if (sameAs(request, organisation)) {
                return organisation; // saved as read: version and time stay, so no edit made from it is refused
            }
            if (organisation.type != request.type()) {
                organisations.lockForTypeChange(odsCode);
                checkTypeMayChange(organisation);
            }
            changed.fire(new ReferenceDataChanged(OrganisationCache.NAME));
            apply(request, organisation, Timestamps.now(clock));
            return organisation;
        });
    }

    /**
     * An organisation's type may change only while nothing gives it a part by the type it has: no deployment names
     * it, and no incident that has not ended routes it or was raised by it ({@link OrganisationTypeChanging}).
     */
    private void checkTypeMayChange(Organisation organisation) {
        if (organisations.isReferencedByDeployment(organisation.odsCode)) {
            throw new ConflictException("organisation-in-use", "Type is in use",
                    "The organisation fills a slot in a deployment, so its type cannot change from "
                            + organisation.type + ".");
        }
        typeChanging.fire(new OrganisationTypeChanging(organisation.odsCode, organisation.type));
    }

    private static boolean sameAs(OrganisationRequest request, Organisation organisation) {
        return organisation.name.equals(request.name().strip()) && organisation.type == request.type()
                && organisation.incidentMailbox.equals(request.incidentMailbox())
                && Objects.equals(organisation.csoMailbox, request.csoMailbox());
    }

    private static void apply(OrganisationRequest request, Organisation organisation, Instant now) {
        organisation.name = request.name().strip();
        organisation.type = request.type();
        organisation.incidentMailbox = request.incidentMailbox();
        organisation.csoMailbox = request.csoMailbox();
        organisation.updatedAt = now;
    }
}
