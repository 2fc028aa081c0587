package uk.nhs.incidents.security;

import java.util.Set;

/**
 * Who is asking: the person or system, its organisation's ODS code, and its roles. Services take it as a plain
 * argument so that scope rules stay testable without a request.
 */
public record Caller(String user, String organisation, Set<String> roles) {

    /** The organisation the service's own jobs act as: no registered organisation has this code. */
    public static final String SYSTEM = "SYSTEM";

    /** One of the service's own jobs, named {@code user}. */
    public static Caller system(String user) {
        return new Caller(user, SYSTEM, Set.of());
    }

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(String... candidates) {
        for (String role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }
}
