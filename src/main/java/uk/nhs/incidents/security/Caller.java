package uk.nhs.incidents.security;

import java.util.Set;

/**
 * Who is asking: the person or system, its organisation's ODS code, and its roles. Services take it as a plain
 * argument so that scope rules stay testable without a request.
 */
public record Caller(String user, String organisation, Set<String> roles) {

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
