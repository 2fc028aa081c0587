package uk.nhs.incidents.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.ActionForbiddenException;

/** Refuses, on the resources marked {@link OnIncidents}, a caller holding none of {@link Roles#ON_INCIDENTS}. */
public class OnIncidentsFilter {

    private final SecurityIdentity identity;
    private final CurrentCaller caller;

    OnIncidentsFilter(SecurityIdentity identity, CurrentCaller caller) {
        this.identity = identity;
        this.caller = caller;
    }

    @OnIncidents
    @ServerRequestFilter
    public void check() {
        if (identity.isAnonymous()) {
            return;
        }
        Caller current = caller.get();
        if (current.roles().stream().noneMatch(Roles.ON_INCIDENTS::contains)) {
            throw new ActionForbiddenException("Your roles read no incidents: incidents are read and acted on with"
                    + " one of " + String.join(", ", new TreeSet<>(Roles.ON_INCIDENTS)) + ".");
        }
    }
}
