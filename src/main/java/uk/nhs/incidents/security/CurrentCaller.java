package uk.nhs.incidents.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import uk.nhs.incidents.common.problem.ActionForbiddenException;

/** Reads the {@link Caller} from the verified bearer token of the current request, refusing roles that do not fit. */
@RequestScoped
public class CurrentCaller {

    /** The claim naming the caller's organisation by its ODS code. */
    public static final String ORGANISATION_CLAIM = "org";
    private static final Pattern ODS_CODE = Pattern.compile("^[A-Z0-9]{1,9}$");

    @Inject
    JsonWebToken token;

    @Inject
    OrganisationRoles organisationRoles;

    /** The caller already checked in this request, so that its organisation is looked up once. */
    private Caller checked;

    /** The organisation a verified identity's token names, before any check of it; empty where it names none. */
    public static Optional<String> organisationOf(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getClaim(ORGANISATION_CLAIM) instanceof String code ? Optional.of(code) : Optional.empty();
    }

    public Caller get() {
        String organisation = token.getClaim(ORGANISATION_CLAIM);
        if (organisation == null || !ODS_CODE.matcher(organisation).matches()) {
            throw new ActionForbiddenException("The token carries no valid ODS code in its 'org' claim.");
        }
        // upn, else preferred_username, else sub: a token naming none of them is refused before it reaches here.
        Caller caller = new Caller(token.getName(), organisation, token.getGroups());
        if (!caller.equals(checked)) {
            organisationRoles.check(caller);
            checked = caller;
        }
        return caller;
    }
}
