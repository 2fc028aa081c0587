package uk.nhs.incidents.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.logging.RepeatedWarnings;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.party.domain.OrganisationRegister;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.domain.RegisteredOrganisation;
import uk.nhs.incidents.party.service.OrganisationCache;

/**
 * Refuses a caller whose roles do not fit its organisation's registered type ({@link RoleFit}), as cached: most
 * requests reach no database for it. A refusal is decided on the organisations as of now, never on a cached copy
 * that may predate the organisation's registration or its new type on another instance.
 */
@ApplicationScoped
public class OrganisationRoles {

    private static final Logger LOG = Logger.getLogger(OrganisationRoles.class);
    private static final Duration LOG_REFUSALS_EVERY = Duration.ofMinutes(10);
    private static final int REFUSALS_TRACKED = 1_000;

    private final OrganisationCache organisations;
    private final OrganisationRepository stored;
    private final SecurityConfig config;
    private final RepeatedWarnings refusals;

    OrganisationRoles(OrganisationCache organisations, OrganisationRepository stored, SecurityConfig config,
            Clock clock) {
        this.organisations = organisations;
        this.stored = stored;
        this.config = config;
        this.refusals = new RepeatedWarnings(clock, LOG_REFUSALS_EVERY, REFUSALS_TRACKED);
    }

    public void check(Caller caller) {
        if (!RoleFit.holdsAny(caller.roles())) {
            // A client left with a token for another service repeats the same request: one line in ten minutes.
            String roles = String.valueOf(caller.roles());
            refusals.admit("roleless " + caller.organisation() + " " + roles).ifPresent(held -> LOG.warnf(
                    "Refused a token of organisation %s holding none of the service's roles: %s (%d more since the"
                            + " last such line)", LogText.of(caller.organisation()), LogText.of(roles), held));
            throw new ActionForbiddenException("The token's 'groups' claim holds none of this service's roles.");
        }
        Optional<OrganisationType> type = typeOf(caller, organisations.current());
        if (RoleFit.misfit(caller.roles(), type, operator(caller)).isPresent()) {
            type = typeOf(caller, organisations.latest());
        }
        checkAgainst(caller, type);
    }

    /**
     * As {@link #check}, against the caller's organisation as stored now, not as cached: the cached type the request
     * was let in by may be a moment old. For a change whose meaning depends on the type, such as raising an incident.
     */
    public void checkStored(Caller caller) {
        checkAgainst(caller, RoleFit.needsType(caller.roles()) ? stored.typeOf(caller.organisation())
                : Optional.empty());
    }

    private void checkAgainst(Caller caller, Optional<OrganisationType> type) {
        Optional<String> misfit = RoleFit.misfit(caller.roles(), type, operator(caller));
        if (misfit.isPresent()) {
            // The ODS code names an organisation, not a person; the user is left out of the log on purpose. A client
            // retrying with the same token logs one line in ten minutes, as above.
            String organisation = RoleFit.operatorOnly(misfit.get()) ? "not an operator"
                    : type.map(Enum::name).orElse("not registered");
            refusals.admit("misfit " + caller.organisation() + " " + misfit.get()).ifPresent(held -> LOG.warnf(
                    "Refused a token whose role %s does not fit organisation %s (%s) (%d more since the last such"
                            + " line)", misfit.get(), caller.organisation(), organisation, held));
            throw new ActionForbiddenException(type.isEmpty() && !RoleFit.operatorOnly(misfit.get())
                    ? "The organisation in the token's 'org' claim is not registered, so it holds no role '"
                            + misfit.get() + "'."
                    : "The role '" + misfit.get() + "' does not fit the organisation in the token's 'org' claim.");
        }
    }

    private boolean operator(Caller caller) {
        return config.operators().contains(caller.organisation());
    }

    private static Optional<OrganisationType> typeOf(Caller caller, OrganisationRegister register) {
        return RoleFit.needsType(caller.roles())
                ? register.find(caller.organisation()).map(RegisteredOrganisation::type) : Optional.empty();
    }
}
