package uk.nhs.incidents.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the caller's roles against its organisation on every authenticated request, including those whose
 * resource needs no {@link Caller} (an admin-only action), so that no role acts for an organisation of another type.
 * Runs on the worker thread of blocking endpoints, where the organisation may be looked up.
 */
public class RoleFitFilter {

    private final SecurityIdentity identity;
    private final CurrentCaller caller;

    RoleFitFilter(SecurityIdentity identity, CurrentCaller caller) {
        this.identity = identity;
        this.caller = caller;
    }

    @ServerRequestFilter
    public void check() {
        if (!identity.isAnonymous()) {
            caller.get();
        }
    }
}
