package uk.nhs.incidents.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import uk.nhs.incidents.common.problem.ActionForbiddenException;

/** Reads the {@link Caller} from the verified bearer token of the current request. */
@RequestScoped
public class CurrentCaller {

    static final String ORGANISATION_CLAIM = "org";
    private static final Pattern ODS_CODE = Pattern.compile("^[A-Z0-9]{1,9}$");

    @Inject
    JsonWebToken token;

    public Caller get() {
        String organisation = token.getClaim(ORGANISATION_CLAIM);
        if (organisation == null || !ODS_CODE.matcher(organisation).matches()) {
            throw new ActionForbiddenException("The token carries no valid ODS code in its 'org' claim.");
        }
        String user = token.getName() != null ? token.getName() : token.getSubject();
        return new Caller(user == null ? organisation : user, organisation, token.getGroups());
    }
}
