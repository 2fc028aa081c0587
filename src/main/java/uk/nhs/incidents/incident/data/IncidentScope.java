package uk.nhs.incidents.incident.data;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Which incidents a caller may see (DOMAIN.md, Who may do what), as a query condition over {@code Incident i}
 * with one parameter, {@code :scopeOrg}. Each role matches the caller's organisation in one part of the
 * incident; a caller with several roles sees the union. An incident outside the scope does not exist for the
 * caller: reads answer 404.
 */
public record IncidentScope(String condition, String organisation) {

    public static final String PARAMETER = "scopeOrg";

    public static IncidentScope of(Caller caller) {
        if (caller.isAdmin()) {
            return new IncidentScope("true", null);
        }
        List<String> parts = new ArrayList<>();
        if (caller.hasAny(Roles.PROVIDER, Roles.PRACTICE, Roles.CLINICAL_SAFETY_OFFICER)) {
            parts.add("i.provider = :scopeOrg");
        }
        if (caller.hasAny(Roles.SUPPLIER, Roles.CLINICAL_SAFETY_OFFICER)) {
            parts.add("i.supplier = :scopeOrg");
        }
        if (caller.hasAny(Roles.ICB, Roles.CLINICAL_SAFETY_OFFICER)) {
            parts.add("i.icb = :scopeOrg");
        }
        if (caller.hasAny(Roles.PROVIDER, Roles.PRACTICE, Roles.SERVICE_DESK)) {
            parts.add("i.reporterOrganisation = :scopeOrg");
        }
        if (caller.hasAny(Roles.SERVICE_DESK, Roles.HUB, Roles.BARS_PROGRAMME)) {
            parts.add("exists (select 1 from IncidentRoute r where r.incidentId = i.id and r.organisation = :scopeOrg)");
        }
        if (parts.isEmpty()) {
            return new IncidentScope("false", null);
        }
        return new IncidentScope("(" + String.join(" or ", parts) + ")", caller.organisation());
    }

    public boolean bindsOrganisation() {
        return organisation != null;
    }
}
