package uk.nhs.incidents.major.data;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Which major incidents a caller sees (docs/domain.md, section 11), as a query condition over {@code MajorIncident m}
 * with at most one parameter, {@code :scopeOrg}. Some see a major incident whole, its incidents listed: the Service
 * Desk, the hub and admins all of them, the BaRS programme those with an incident on a BaRS deployment, a supplier
 * those of its platform and those with an incident on its deployments. Whoever may read one of its incidents (the
 * incidents' own reading rule) reads it without that list. To anyone else it does not exist.
 */
public record MajorIncidentScope(String condition, String organisation) {

    public static final String PARAMETER = "scopeOrg";

    private static final String LINKED = "exists (select 1 from Incident i where i.majorIncidentId = m.id and ";

    /** The major incidents the caller sees whole, with their incidents. */
    public static MajorIncidentScope whole(Caller caller) {
        if (caller.hasAny(Roles.ADMIN, Roles.SERVICE_DESK, Roles.HUB)) {
            return new MajorIncidentScope("true", null);
        }
        return of(wholeParts(caller), caller);
    }

    /** The major incidents the caller reads: those it sees whole, and those where it reports or owns an incident. */
    public static MajorIncidentScope reading(Caller caller) {
        MajorIncidentScope whole = whole(caller);
        if (whole.condition.equals("true")) {
            return whole;
        }
        List<String> parts = wholeParts(caller);
        // Whoever may read one of its incidents, by the incidents' own rule (waited on, routed, re-routed away).
        parts.add(LINKED + IncidentScope.reading(caller).condition() + ")");
        return of(parts, caller);
    }

    private static List<String> wholeParts(Caller caller) {
        List<String> parts = new ArrayList<>();
        if (caller.has(Roles.BARS_PROGRAMME)) {
            parts.add("exists (select 1 from Incident i join Deployment d on d.id = i.deploymentId"
                    + " where i.majorIncidentId = m.id and d.programme = " + Programme.class.getName() + ".BARS)");
        }
        if (caller.has(Roles.SUPPLIER)) {
            parts.add("m.supplier = :scopeOrg");
            parts.add(LINKED + "i.supplier = :scopeOrg)");
        }
        return parts;
    }

    private static MajorIncidentScope of(List<String> parts, Caller caller) {
        if (parts.isEmpty()) {
            return new MajorIncidentScope("false", null);
        }
        String condition = "(" + String.join(" or ", parts) + ")";
        return new MajorIncidentScope(condition, condition.contains(":" + PARAMETER) ? caller.organisation() : null);
    }

    public boolean bindsOrganisation() {
        return organisation != null;
    }
}
