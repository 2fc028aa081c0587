package uk.nhs.incidents.support;

import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.security.Roles;

/** Bearer tokens for tests, signed with the DEV-ONLY key. */
public final class Tokens {

    public static final String NHS_ENGLAND = "X26";

    private Tokens() {
    }

    public static String as(String role, String odsCode) {
        return DevToken.roles(role).org(odsCode).mint();
    }

    public static String admin() {
        return as(Roles.ADMIN, NHS_ENGLAND);
    }
}
