package uk.nhs.incidents.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;

/**
 * Paths outside the API that only the service's operators read: the metrics ({@code /q/metrics}), national figures
 * of every organisation's incidents, clocks and emails. A token of an operator with the {@code metrics} role, which
 * acts on nothing in the API (a Prometheus scrape's), or an operator's admin; anonymous callers are asked for a token
 * (401), any other token is refused (403) and the refusal logged. The API's role filter ({@link RoleFitFilter})
 * does not run on these paths, so this policy checks the operator itself, as {@link RoleFit} has it for these two
 * roles; a token's other roles are the API's to check.
 */
@ApplicationScoped
public class OperatorsOnly implements HttpSecurityPolicy {

    private static final Logger LOG = Logger.getLogger(OperatorsOnly.class);

    private final SecurityConfig config;

    OperatorsOnly(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "operators-only";
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(caller -> permitted(caller, request) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private boolean permitted(SecurityIdentity caller, RoutingContext request) {
        if (caller.isAnonymous()) {
            return false;
        }
        String organisation = caller.getPrincipal() instanceof JsonWebToken token
                && token.getClaim(CurrentCaller.ORGANISATION_CLAIM) instanceof String code ? code : null;
        boolean operator = organisation != null && config.operators().contains(organisation);
        if (operator && caller.getRoles().stream().anyMatch(RoleFit::operatorOnly)) {
            return true;
        }
        LOG.warnf("Refused %s to roles %s of %s: it is read with the metrics or admin role of an operator",
                LogText.of(request.normalizedPath()), LogText.of(String.valueOf(caller.getRoles())),
                LogText.of(String.valueOf(organisation)));
        return false;
    }
}
