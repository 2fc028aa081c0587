package uk.nhs.incidents.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.HeaderParameterNames;
import uk.nhs.incidents.common.text.TextRules;

/**
 * Verifies tokens as smallrye-jwt does, then refuses what it lets through but the service cannot rely on: an
 * {@code org} that is not a string, {@code groups} that are not a list of strings, an {@code iat} later than the
 * allowed clock skew, a date that is no date a token means, and a lifetime past the limit however its dates are
 * written. Each refusal is a failed authentication (401), never a failure of the service. A token
 * that passed is kept for a while ({@link VerifiedTokens}) and not verified again when it comes back.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CheckedClaims extends DefaultJWTCallerPrincipalFactory {

    /** The claims read as text: the organisation and the user's name, whichever of upn, preferred_username, sub. */
    private static final List<String> STRING_CLAIMS = List.of(CurrentCaller.ORGANISATION_CLAIM, Claims.upn.name(),
            Claims.preferred_username.name(), Claims.sub.name());
    /** The user columns of the history, comments, evidence and access log hold 200 characters. */
    private static final int MAX_USER_LENGTH = 200;
    /** The dates a token carries, in seconds since 1970. */
    private static final List<String> DATE_CLAIMS = List.of(Claims.iat.name(), Claims.exp.name(), Claims.nbf.name(),
            Claims.auth_time.name());
    /** The last second of the year 9999: no date a token means is later, nor before 1970. */
    private static final long LATEST_DATE = 253_402_300_799L;

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();
    private final VerifiedTokens verified;
    private final Counter reused;

    CheckedClaims(SecurityConfig config, MeterRegistry registry) {
        SecurityConfig.VerifiedTokenCache cache = config.verifiedTokens();
        // The system's time, not the service's clock: token expiry is checked against it, as jose4j checks it.
        this.verified = new VerifiedTokens(cache.ttl(), cache.maxEntries(), cache.maxTokenLength(), Clock.systemUTC(),
                Ticker.systemTicker());
        this.reused = Counter.builder("incidents.security.tokens.reused")
                .description("Requests whose token this instance had verified already and did not verify again")
                .register(registry);
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        Optional<JWTCallerPrincipal> known = verified.find(token, context);
        if (known.isPresent()) {
            reused.increment();
            return known.get();
        }
        JWTCallerPrincipal principal = verify(token, context);
        verified.keep(token, context, principal);
        return principal;
    }

    /**
     * Verified as {@link DefaultJWTCallerPrincipalFactory} does, but with the claims in hand before they are
     * converted: the conversion drops a list of roles with a number in it, and keeps a null as a role.
     */
    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext verified;
        try {
            verified = parser.parse(token, context);
        } catch (ClassCastException e) {
            throw new ParseException("A claim of the token has the wrong type (groups must be a list of strings)", e);
        }
        checkGroups(verified.getJwtClaims().getClaimValue(Claims.groups.name()));
        checkDates(verified.getJwtClaims(), context.getMaxTimeToLiveSecs());
        JWTCallerPrincipal principal = principal(verified);
        for (String claim : STRING_CLAIMS) {
            Object value = principal.getClaim(claim);
            if (value != null && !(value instanceof String)) {
                throw new ParseException("The token's '" + claim + "' claim is not a string");
            }
        }
        checkUser(principal.getName());
        long latestIssue = Instant.now().getEpochSecond() + context.getClockSkew();
        if (principal.getIssuedAtTime() > latestIssue) {
            throw new ParseException("The token was issued in the future");
        }
        return principal;
    }

    /**
     * The caller, its claims converted by the token library: one it cannot convert (a number beyond a double's range,
     * which it turns into an infinity and then fails to make a decimal of; lists nested deeper than its conversion's
     * stack, seen on a service just started) is a claim of the wrong type, not a failure of the service.
     */
    private static JWTCallerPrincipal principal(JwtContext verified) throws ParseException {
        try {
            return new DefaultJWTCallerPrincipal(verified.getJoseObjects().get(0).getHeader(HeaderParameterNames.TYPE),
                    verified.getJwtClaims());
        } catch (RuntimeException | StackOverflowError e) {
            throw new ParseException("A claim of the token cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Dates are seconds from 1970 to the year 9999, and a token lives no longer than {@code maxLifetime} from its
     * issue to its expiry: the library subtracts the two as they come, so an issue far enough in the past (or beyond a
     * number's range, which it reads as the smallest number there is) wrapped round and let a token live a century.
     */
    private static void checkDates(JwtClaims claims, Long maxLifetime) throws ParseException {
        for (String claim : DATE_CLAIMS) {
            Object value = claims.getClaimValue(claim);
            if (value != null && !(value instanceof Number date && date.doubleValue() >= 0
                    && date.doubleValue() <= LATEST_DATE)) {
                throw new ParseException("The token's '" + claim + "' claim is not a date");
            }
        }
        // Both within the years above by now: the subtraction cannot wrap round.
        if (maxLifetime != null && claims.getClaimValue(Claims.iat.name()) instanceof Number issued
                && claims.getClaimValue(Claims.exp.name()) instanceof Number expires
                && expires.longValue() - issued.longValue() > maxLifetime) {
            throw new ParseException("The token lives longer than " + maxLifetime + " s");
        }
    }

    /** Roles are one string, a list of strings or none. */
    private static void checkGroups(Object groups) throws ParseException {
        boolean strings = groups == null || groups instanceof String
                || groups instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
        if (!strings) {
            throw new ParseException("The token's 'groups' claim is not a list of strings");
        }
    }

    /**
     * The user named by the token is written into every change it makes (history, comments, evidence, its access
     * log): one line of visible text that fits those columns and reads in the order it is stored, or the token is
     * refused before anything is written.
     */
    private static void checkUser(String user) throws ParseException {
        if (user == null) {
            return;
        }
        if (user.isEmpty()) {
            // An empty upn is taken as the user before sub is looked at, and would record changes against no one.
            throw new ParseException("The token's user name is empty");
        }
        if (user.length() > MAX_USER_LENGTH) {
            throw new ParseException("The token's user name is longer than " + MAX_USER_LENGTH + " characters");
        }
        Optional<String> problem = TextRules.problem(user, false);
        if (problem.isPresent()) {
            throw new ParseException("The token's user name " + problem.get());
        }
        if (TextRules.hasBidiControl(user)) {
            // "alice", U+202E, "gnp.exe" would show as "aliceexe.png" in every record the user's changes make.
            throw new ParseException("The token's user name must not contain bidirectional controls");
        }
    }
}
