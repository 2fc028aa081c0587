package uk.nhs.incidents.incident.domain;

import java.util.Arrays;

/** Strong ETags of incident versions, {@code "7"}, and the {@code If-Match} rule over them (RFC 9110 13.1.1). */
public final class EntityTag {

    private EntityTag() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether an {@code If-Match} value, a list of tags or {@code *}, matches the current version. */
    public static boolean matches(String ifMatch, long version) {
        String current = of(version);
        return Arrays.stream(ifMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
    }
}
