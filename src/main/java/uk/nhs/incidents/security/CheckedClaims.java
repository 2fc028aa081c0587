package uk.nhs.incidents.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/**
 * Verifies tokens as smallrye-jwt does, then refuses what it lets through but the service cannot rely on: an
 * {@code org} that is not a string, {@code groups} that are not a list of strings, and an {@code iat} later than
 * the allowed clock skew. Each refusal is a failed authentication (401), never a failure of the service.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CheckedClaims extends DefaultJWTCallerPrincipalFactory {

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal principal;
        try {
            principal = super.parse(token, context);
        } catch (ClassCastException e) {
            throw new ParseException("A claim of the token has the wrong type (groups must be a list of strings)", e);
        }
        Object organisation = principal.getClaim(CurrentCaller.ORGANISATION_CLAIM);
        if (organisation != null && !(organisation instanceof String)) {
            throw new ParseException("The token's 'org' claim is not a string");
        }
        long latestIssue = Instant.now().getEpochSecond() + context.getClockSkew();
        if (principal.getIssuedAtTime() > latestIssue) {
            throw new ParseException("The token was issued in the future");
        }
        return principal;
    }
}
