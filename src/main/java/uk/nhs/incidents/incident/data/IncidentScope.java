package uk.nhs.incidents.incident.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Which incidents a caller may see (docs/domain.md, Who may do what), as a query condition over {@code Incident i}
 * with one parameter, {@code :scopeOrg}. Each role matches the caller's organisation in one part of the
 * incident; a caller with several roles sees the union. An incident outside the scope does not exist for the
 * caller: reads answer 404.
 */
public record IncidentScope(String condition, String organisation) {

    public static final String PARAMETER = "scopeOrg";
    private static final String BOUND = ":" + PARAMETER;

    /** Every incident: an admin's scope, and the incidents of a major incident to those who see them all. */
    public static final IncidentScope EVERYTHING = new IncidentScope("true", null);

    public static IncidentScope of(Caller caller) {
        return of(caller, BOUND);
    }

    /** As {@link #of(Caller)}, the organisation being {@code org}: the parameter, or an expression of the query. */
    private static IncidentScope of(Caller caller, String org) {
        if (caller.isAdmin()) {
            return EVERYTHING;
        }
        List<String> parts = new ArrayList<>();
        if (caller.hasAny(Roles.PROVIDER, Roles.PRACTICE, Roles.CLINICAL_SAFETY_OFFICER)) {
            parts.add("i.provider = " + org);
        }
        if (caller.hasAny(Roles.SUPPLIER, Roles.CLINICAL_SAFETY_OFFICER)) {
            parts.add("i.supplier = " + org);
        }
        if (caller.hasAny(Roles.ICB, Roles.CLINICAL_SAFETY_OFFICER)) {
            parts.add("i.icb = " + org);
        }
        if (caller.hasAny(Roles.PROVIDER, Roles.PRACTICE, Roles.SERVICE_DESK)) {
            parts.add("i.reporterOrganisation = " + org);
        }
        if (caller.hasAny(Roles.SERVICE_DESK, Roles.HUB, Roles.BARS_PROGRAMME)) {
            parts.add("exists (select 1 from IncidentRoute r where r.incidentId = i.id and r.organisation = " + org + ")");
        }
        if (parts.isEmpty()) {
            return new IncidentScope("false", null);
        }
        return new IncidentScope("(" + String.join(" or ", parts) + ")", caller.organisation());
    }

    /**
     * The incidents a caller may read one by one: those of {@link #of}, and besides those its organisation is
     * waited on for, or was ever routed to in a part its roles play. A party re-routing removed keeps reading what
     * it was told about; lists stay on {@link #of}, whose conditions the list indexes serve.
     */
    public static IncidentScope reading(Caller caller) {
        return reading(caller, BOUND);
    }

    /**
     * The condition of {@link #reading(Caller)} for callers with these roles from the organisation that the query
     * expression {@code organisation} names (a column of another entity of the query) rather than the parameter: it
     * decides for many organisations in one query, such as which webhook subscriptions may hear of an incident.
     */
    public static String readingCondition(Set<String> roles, String organisation) {
        return reading(new Caller(organisation, organisation, roles), organisation).condition();
    }

    private static IncidentScope reading(Caller caller, String org) {
        IncidentScope scope = of(caller, org);
        if (!scope.bindsOrganisation()) {
            return scope;
        }
        List<String> parts = new ArrayList<>(List.of(scope.condition));
        if (caller.hasAny(Roles.PROVIDER, Roles.PRACTICE, Roles.ICB, Roles.SERVICE_DESK)) {
            parts.add("i.waitingOn = " + org);
        }
        String parties = ROUTED_AS.entrySet().stream().filter(e -> caller.has(e.getKey()))
                .flatMap(e -> e.getValue().stream()).distinct()
                .map(p -> PartyRole.class.getName() + "." + p.name()).collect(Collectors.joining(", "));
        if (!parties.isEmpty()) {
            parts.add("exists (select 1 from IncidentRoute r where r.incidentId = i.id and r.organisation = " + org
                    + " and r.party in (" + parties + "))");
        }
        return new IncidentScope("(" + String.join(" or ", parts) + ")", scope.organisation);
    }

    /** The parties routing may name an organisation as, for each role that acts for such a party. */
    private static final Map<String, List<PartyRole>> ROUTED_AS = Map.of(
            Roles.PROVIDER, List.of(PartyRole.PROVIDER, PartyRole.REPORTER),
            Roles.PRACTICE, List.of(PartyRole.PROVIDER, PartyRole.REPORTER),
            Roles.SUPPLIER, List.of(PartyRole.SUPPLIER),
            Roles.ICB, List.of(PartyRole.ICB),
            Roles.SERVICE_DESK, List.of(PartyRole.NATIONAL_SERVICE_DESK, PartyRole.REPORTER),
            Roles.HUB, List.of(PartyRole.PROCUREMENT_HUB),
            Roles.BARS_PROGRAMME, List.of(PartyRole.BARS_PROGRAMME),
            Roles.CLINICAL_SAFETY_OFFICER, List.of(PartyRole.SUPPLIER, PartyRole.PROVIDER, PartyRole.ICB));

    public boolean bindsOrganisation() {
        return organisation != null;
    }
}
