package uk.nhs.incidents.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.logging.RepeatedWarnings;

/**
 * Paths outside the API that only the service's operators read: the metrics ({@code /q/metrics}), national figures
 * of every organisation's incidents, clocks and emails. A token of an operator with the {@code metrics} role, which
 * acts on nothing in the API (a Prometheus scrape's), or an operator's admin; anonymous callers are asked for a token
 * (401), any other token is refused (403) and the refusal logged. The API's role filter ({@link RoleFitFilter})
 * does not run on these paths, so this policy checks the operator itself, as {@link RoleFit} has it for these two
 * roles, and takes a token holding only those: one holding a role that acts for a party of some type too is refused,
 * rather than its organisation's type looked up here (the API refuses it wherever the type does not fit). A scraper
 * left with a stale token is refused at every scrape, so the same refusal is logged once in ten minutes, with how many
 * it stands for.
 */
@ApplicationScoped
public class OperatorsOnly implements HttpSecurityPolicy {

    private static final Logger LOG = Logger.getLogger(OperatorsOnly.class);
    private static final Duration LOG_REFUSALS_EVERY = Duration.ofMinutes(10);
    private static final int REFUSALS_TRACKED = 1_000;

    private final SecurityConfig config;
    private final RepeatedWarnings refusals;

    OperatorsOnly(SecurityConfig config, Clock clock) {
        this.config = config;
        this.refusals = new RepeatedWarnings(clock, LOG_REFUSALS_EVERY, REFUSALS_TRACKED);
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
        String organisation = CurrentCaller.organisationOf(caller).orElse(null);
        boolean operator = organisation != null && config.operators().contains(organisation);
        // Its roles alone: one acting for a party of some type would have its type checked, which is the API's.
        if (operator && caller.getRoles().stream().anyMatch(RoleFit::operatorOnly)
                && !RoleFit.needsType(caller.getRoles())) {
            return true;
        }
        String roles = String.valueOf(caller.getRoles());
        refusals.admit(organisation + " " + roles).ifPresent(held -> LOG.warnf(
                "Refused %s to roles %s of %s: it is read with the metrics or admin role of an operator"
                        + " (%d more refused alike since the last such line)",
                LogText.of(request.normalizedPath()), LogText.of(roles), LogText.of(String.valueOf(organisation)),
                held));
        return false;
    }
}
