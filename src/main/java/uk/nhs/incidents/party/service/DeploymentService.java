package uk.nhs.incidents.party.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.party.api.DeploymentRequest;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.party.domain.DeploymentRules;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.RoleFit;

@ApplicationScoped
public class DeploymentService {

    private static final String DEPLOYMENT = "deployment";

    private final DeploymentRepository deployments;
    private final OrganisationRepository organisations;
    private final OrganisationCache register;
    private final Event<DeploymentChanged> changed;
    private final Clock clock;

    DeploymentService(DeploymentRepository deployments, OrganisationRepository organisations,
            OrganisationCache register, Event<DeploymentChanged> changed, Clock clock) {
        this.deployments = deployments;
        this.organisations = organisations;
        this.register = register;
        this.changed = changed;
        this.clock = clock;
    }

    /**
     * Admins and the national organisations (with any of their roles: a hub's {@code reporting} token reports on
     * every deployment) see every deployment; everyone else sees those involving its organisation.
     */
    public Optional<Deployment> find(long id, Caller caller) {
        return deployments.findByIdOptional(id).filter(d -> seesAll(caller) || d.involves(caller.organisation()));
    }

    public List<Deployment> page(PageRequest request, Caller caller) {
        return deployments.page(request, seesAll(caller) ? null : caller.organisation());
    }

    @Transactional
    public Deployment create(DeploymentRequest request) {
        boolean agreed = Boolean.TRUE.equals(request.icbSupportAgreed());
        checkParties(request, agreed);
        Deployment deployment = new Deployment();
        deployment.createdAt = Timestamps.now(clock);
        apply(request, agreed, deployment, deployment.createdAt);
        deployments.persist(deployment);
        return deployment;
    }

    /**
     * Replaces the deployment when {@code If-Match} names its current version, locked first as an organisation is
     * (see {@link OrganisationService#update}); its incidents not ended follow it where the edit changes their
     * parties or routing. A system renamed leaves them as they were: were they re-routed, a routing rule changed
     * since would reach them as "the deployment changed", and tell their parties so.
     */
    @Transactional
    public Optional<Deployment> update(long id, DeploymentRequest request, String ifMatch, Caller caller) {
        EntityTag.requirePresent(ifMatch, DEPLOYMENT);
        return deployments.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(deployment -> {
            EntityTag.requireCurrent(ifMatch, deployment.version, DEPLOYMENT);
            boolean agreed = supportAfter(deployment, request);
            checkParties(request, agreed);
            // The support decision is the ICB's: one moved to another ICB does not take the former one's with it.
            if (agreed && !Objects.equals(deployment.icb, request.icb())) {
                throw new UnprocessableException("icbSupportAgreed", "the decision is the ICB's own: a deployment "
                        + "moved to another ICB starts without it, and that ICB records its decision (PUT "
                        + "/api/v1/deployments/{id}/icb-support) once the deployment is its");
            }
            boolean reroutes = changesRouting(deployment, request, agreed);
            if (!reroutes && deployment.systemName.equals(request.systemName().strip())) {
                return deployment; // saved as read: version and time stay, so no edit made from it is refused
            }
            apply(request, agreed, deployment, Timestamps.now(clock));
            if (reroutes) {
                changed.fire(new DeploymentChanged(deployment, caller));
            }
            return deployment;
        });
    }

    /**
     * Records the ICB's support decision for a practice-procured deployment, as its ICB or an admin, with
     * {@code If-Match}: an edit of the deployment's procurement, so its incidents not ended are re-routed (the ICB is
     * informed of a severity 1 or 2 live incident only where it agreed). Empty when the caller is neither.
     */
    @Transactional
    public Optional<Deployment> recordIcbSupport(long id, boolean agreed, String ifMatch, Caller caller) {
        EntityTag.requirePresent(ifMatch, DEPLOYMENT);
        if (!caller.isAdmin() && !deployments.namesIcb(id, caller.organisation())) {
            return Optional.empty();
        }
        // Held, as any edit holds it, once the caller may change it; an edit of its ICB meanwhile makes it empty.
        return deployments.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(deployment -> caller.isAdmin() || caller.organisation().equals(deployment.icb))
                .map(deployment -> {
                    EntityTag.requireCurrent(ifMatch, deployment.version, DEPLOYMENT);
                    if (agreed && !deployment.procurementRoute.takesIcbSupport()) {
                        throw new UnprocessableException("agreed", "ICB support is decided only for a system the "
                                + "practice bought (the PRACTICE procurement route): the ICB that procured one is "
                                + "accountable for it");
                    }
                    if (deployment.icbSupportAgreed != agreed) {
                        deployment.icbSupportAgreed = agreed;
                        deployment.updatedAt = Timestamps.now(clock);
                        changed.fire(new DeploymentChanged(deployment, caller));
                    }
                    return deployment;
                });
    }

    /**
     * The organisations named for the slots must be of the slots' types. They are read {@code FOR SHARE}: an
     * organisation's type may change only while no deployment names it (OrganisationService#update), and a plain
     * read let a deployment take an organisation whose type change was under way, as the type it was changing from.
     */
    private void checkParties(DeploymentRequest request, boolean agreed) {
        Map<String, Organisation> known = organisations.byCodeForShare(
                List.of(request.supplier(), request.provider(), request.icb()));
        Map<String, OrganisationType> slotTypes = new HashMap<>();
        slotTypes.put("supplier", typeOf(known, request.supplier()));
        slotTypes.put("provider", typeOf(known, request.provider()));
        slotTypes.put("icb", typeOf(known, request.icb()));
        List<Violation> violations = DeploymentRules.check(slotTypes, request.procurementRoute(), agreed);
        if (!violations.isEmpty()) {
            throw new UnprocessableException(violations);
        }
    }

    private static OrganisationType typeOf(Map<String, Organisation> known, String odsCode) {
        Organisation organisation = known.get(odsCode);
        return organisation == null ? null : organisation.type;
    }

    /**
     * The ICB support decision an edit leaves: as given, or, where the edit omits it (an admin correcting a system's
     * name need not know it), the one recorded while the deployment stays with that ICB and practice on the PRACTICE
     * route, so that no edit withdraws an ICB's decision unasked; none for another ICB, practice or route (the ICB
     * agreed to support that practice).
     */
    private static boolean supportAfter(Deployment deployment, DeploymentRequest request) {
        if (request.icbSupportAgreed() != null) {
            return request.icbSupportAgreed();
        }
        return deployment.icbSupportAgreed && Objects.equals(deployment.icb, request.icb())
                && deployment.provider.equals(request.provider())
                && request.procurementRoute().takesIcbSupport();
    }

    /** Whether the edit changes what an incident's parties and routing are worked out from. */
    private static boolean changesRouting(Deployment deployment, DeploymentRequest request, boolean agreed) {
        return !deployment.supplier.equals(request.supplier()) || !deployment.provider.equals(request.provider())
                || !Objects.equals(deployment.icb, request.icb()) || deployment.programme != request.programme()
                || deployment.procurementRoute != request.procurementRoute()
                || deployment.icbSupportAgreed != agreed;
    }

    private boolean seesAll(Caller caller) {
        // An operator's metrics token acts for no organisation, whatever type the operator's code is registered as.
        return caller.isAdmin() || RoleFit.needsType(caller.roles())
                && register.typeOf(caller.organisation()).filter(OrganisationType::isNational).isPresent();
    }

    private static void apply(DeploymentRequest request, boolean agreed, Deployment deployment, Instant now) {
        deployment.systemName = request.systemName().strip();
        deployment.supplier = request.supplier();
        deployment.provider = request.provider();
        deployment.icb = request.icb();
        deployment.programme = request.programme();
        deployment.procurementRoute = request.procurementRoute();
        deployment.icbSupportAgreed = agreed;
        deployment.updatedAt = now;
    }
}
