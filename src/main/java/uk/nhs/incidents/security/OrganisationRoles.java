package uk.nhs.incidents.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.party.domain.OrganisationType;

/** Refuses a caller whose roles do not fit its organisation's registered type ({@link RoleFit}). */
@ApplicationScoped
public class OrganisationRoles {

    private static final Logger LOG = Logger.getLogger(OrganisationRoles.class);

    private final OrganisationRepository organisations;
    private final SecurityConfig config;

    OrganisationRoles(OrganisationRepository organisations, SecurityConfig config) {
        this.organisations = organisations;
        this.config = config;
    }

    public void check(Caller caller) {
        Optional<OrganisationType> type = RoleFit.needsType(caller.roles()) ? typeOf(caller.organisation())
                : Optional.empty();
        Optional<String> misfit = RoleFit.misfit(caller.roles(), type,
                config.operators().contains(caller.organisation()));
        if (misfit.isPresent()) {
            // The ODS code names an organisation, not a person; the user is left out of the log on purpose.
            String organisation = Roles.ADMIN.equals(misfit.get()) ? "not an operator"
                    : type.map(Enum::name).orElse("not registered");
            LOG.warnf("Refused a token whose role %s does not fit organisation %s (%s)", misfit.get(),
                    caller.organisation(), organisation);
            throw new ActionForbiddenException(type.isEmpty() && !Roles.ADMIN.equals(misfit.get())
                    ? "The organisation in the token's 'org' claim is not registered, so it holds no role '"
                            + misfit.get() + "'."
                    : "The role '" + misfit.get() + "' does not fit the organisation in the token's 'org' claim.");
        }
    }

    /**
     * In a transaction of its own, so that the connection goes back to the pool at once: read outside one, it
     * would be held by the request until it ends, and a slow upload would hold it for minutes.
     */
    private Optional<OrganisationType> typeOf(String odsCode) {
        return QuarkusTransaction.requiringNew().call(() -> organisations.typeOf(odsCode));
    }
}
