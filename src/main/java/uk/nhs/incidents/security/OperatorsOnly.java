package uk.nhs.incidents.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Paths outside the API that only the service's operators read: the metrics ({@code /q/metrics}), national figures
 * of every organisation's incidents, clocks and emails. An admin's token of an operator, as a Prometheus scrape
 * sends it; anonymous callers are asked for a token (401), any other token is refused (403). The API's own role
 * checks ({@link RoleFitFilter}) do not run on these paths, so this policy makes the same admin check itself.
 */
@ApplicationScoped
public class OperatorsOnly implements HttpSecurityPolicy {

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
        return identity.map(caller -> isOperatorsAdmin(caller) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private boolean isOperatorsAdmin(SecurityIdentity caller) {
        return !caller.isAnonymous() && caller.hasRole(Roles.ADMIN)
                && caller.getPrincipal() instanceof JsonWebToken token
                && token.getClaim(CurrentCaller.ORGANISATION_CLAIM) instanceof String organisation
                && config.operators().contains(organisation);
    }
}
