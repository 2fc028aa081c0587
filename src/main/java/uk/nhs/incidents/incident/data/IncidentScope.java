package uk.nhs.incidents.incident.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Which incidents a caller may see (docs/domain.md, Who may do what), as a query condition over {@code Incident i}
 * with one parameter, {@code :scopeOrg}, and, for deciding many organisations at once about an incident in hand, as
 * the same rule applied in memory ({@link #reads}). Both are built from the tables below, so they cannot disagree.
 * Each role matches the caller's organisation in one part of the incident; a caller with several roles sees the
 * union. An incident outside the scope does not exist for the caller: reads answer 404.
 */
public record IncidentScope(String condition, String organisation) {

    public static final String PARAMETER = "scopeOrg";
    private static final String BOUND = ":" + PARAMETER;

    private static final String SUPPLIER = "i.supplier";

    /** The condition of a caller who sees its supplier's incidents and no others (the supplier role alone). */
    private static final String SUPPLIER_ONLY = "(" + SUPPLIER + " = " + BOUND + ")";

    /** Every incident: an admin's scope, and the incidents of a major incident to those who see them all. */
    public static final IncidentScope EVERYTHING = new IncidentScope("true", null);

    /** An organisation the incident names in one of its fields, and the roles that see the incident for it. */
    private record Named(String path, Function<Incident, String> field, String... roles) {

        boolean appliesTo(Caller caller) {
            return caller.hasAny(roles);
        }

        boolean names(Incident incident, String organisation) {
            return organisation.equals(field.apply(incident));
        }
    }

    /** The deployment's ICB: its Clinical Safety Officer is answerable for the incident under one route only. */
    private static final Named ICB = new Named("i.icb", i -> i.icb, Roles.ICB, Roles.CLINICAL_SAFETY_OFFICER);

    /** The fields lists are scoped by (the list indexes serve each). */
    private static final List<Named> LISTED = List.of(
            new Named("i.provider", i -> i.provider, Roles.PROVIDER, Roles.PRACTICE, Roles.CLINICAL_SAFETY_OFFICER),
            new Named(SUPPLIER, i -> i.supplier, Roles.SUPPLIER, Roles.CLINICAL_SAFETY_OFFICER),
            ICB,
            new Named("i.reporterOrganisation", i -> i.reporterOrganisation, Roles.PROVIDER, Roles.PRACTICE,
                    Roles.SERVICE_DESK));

    /** Roles that list every incident their organisation is routed to, whatever the part. */
    private static final String[] ROUTED_IN_ANY_PART = { Roles.SERVICE_DESK, Roles.HUB, Roles.BARS_PROGRAMME };

    /** Read one by one besides: the incident is waiting on the organisation. */
    private static final Named WAITED_ON = new Named("i.waitingOn", i -> i.waitingOn, Roles.PROVIDER, Roles.PRACTICE,
            Roles.ICB, Roles.SERVICE_DESK);

    /**
     * Read one by one besides: the organisation raised it. Its officer keeps reading what it raised once a deployment
     * edit gives the system to another provider, as its other staff do; acting on it is for the deployment's own
     * officers ({@link #actsAsSafetyOfficer}), and lists stay on the deployment's parties.
     */
    private static final Named RAISED = new Named("i.reporterOrganisation", i -> i.reporterOrganisation,
            Roles.CLINICAL_SAFETY_OFFICER);

    /** Read one by one besides: the parties routing may name an organisation as, for each role acting for one. */
    private static final Map<String, List<PartyRole>> ROUTED_AS = Map.of(
            Roles.PROVIDER, List.of(PartyRole.PROVIDER, PartyRole.REPORTER),
            Roles.PRACTICE, List.of(PartyRole.PROVIDER, PartyRole.REPORTER),
            Roles.SUPPLIER, List.of(PartyRole.SUPPLIER),
            Roles.ICB, List.of(PartyRole.ICB),
            Roles.SERVICE_DESK, List.of(PartyRole.NATIONAL_SERVICE_DESK, PartyRole.REPORTER),
            Roles.HUB, List.of(PartyRole.PROCUREMENT_HUB),
            Roles.BARS_PROGRAMME, List.of(PartyRole.BARS_PROGRAMME),
            Roles.CLINICAL_SAFETY_OFFICER, List.of(PartyRole.SUPPLIER, PartyRole.PROVIDER, PartyRole.ICB));

    public static IncidentScope of(Caller caller) {
        return of(caller, BOUND);
    }

    /** As {@link #of(Caller)}, the organisation being {@code org}: the parameter, or an expression of the query. */
    private static IncidentScope of(Caller caller, String org) {
        if (caller.isAdmin()) {
            return EVERYTHING;
        }
        List<String> parts = new ArrayList<>();
        LISTED.stream().filter(named -> named.appliesTo(caller)).forEach(named -> parts.add(named.path() + " = " + org));
        if (caller.hasAny(ROUTED_IN_ANY_PART)) {
            parts.add("exists (select 1 from IncidentRoute r where r.incidentId = i.id and r.organisation = " + org
                    + " and r.removedAt is null)");
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

    private static IncidentScope reading(Caller caller, String org) {
        IncidentScope scope = of(caller, org);
        if (!scope.bindsOrganisation()) {
            return scope;
        }
        List<String> parts = new ArrayList<>(List.of(scope.condition));
        Stream.of(WAITED_ON, RAISED).filter(named -> named.appliesTo(caller))
                .forEach(named -> parts.add(named.path() + " = " + org));
        String parties = routedAs(caller).map(p -> PartyRole.class.getName() + "." + p.name())
                .collect(Collectors.joining(", "));
        if (!parties.isEmpty()) {
            parts.add("exists (select 1 from IncidentRoute r where r.incidentId = i.id and r.organisation = " + org
                    + " and r.party in (" + parties + "))");
        }
        return new IncidentScope("(" + String.join(" or ", parts) + ")", scope.organisation);
    }

    /**
     * Whether callers with these roles from {@code organisation} read this incident one by one, as
     * {@link #reading(Caller)} decides in a query: the incident as the change in hand leaves it, and its routing
     * with the former parties (every route it ever had). It decides many organisations about one incident with no
     * statement, such as which webhook subscriptions hear of a change.
     */
    public static boolean reads(Set<String> roles, String organisation, Incident incident, Routing routing) {
        Caller caller = new Caller(organisation, organisation, roles);
        if (caller.isAdmin()) {
            return true;
        }
        if (Stream.concat(LISTED.stream(), Stream.of(WAITED_ON, RAISED))
                .anyMatch(named -> named.appliesTo(caller) && named.names(incident, organisation))) {
            return true;
        }
        // Routed now, in any part for the roles that list so; routed now or before, in a part its roles play.
        boolean anyPart = caller.hasAny(ROUTED_IN_ANY_PART);
        Set<PartyRole> parties = routedAs(caller).collect(Collectors.toSet());
        return routing.all().filter(party -> organisation.equals(party.organisation()))
                .anyMatch(party -> anyPart || parties.contains(party.party()))
                || routing.former().stream().map(Routing.FormerParty::party)
                        .filter(party -> organisation.equals(party.organisation()))
                        .anyMatch(party -> parties.contains(party.party()));
    }

    /**
     * Whether the incident waits on the caller, for the information its organisation is asked: the roles that answer
     * for a provider, a practice, an ICB or the Service Desk; not a Clinical Safety Officer's token alone, which
     * reviews incidents rather than answers waits.
     */
    public static boolean waitsOn(Caller caller, Incident incident) {
        return WAITED_ON.appliesTo(caller) && WAITED_ON.names(incident, caller.organisation());
    }

    /**
     * Whether the caller acts on the incident as a Clinical Safety Officer: it has the role, and its organisation is,
     * as the incident stands, the deployment's supplier (DCB0129), its provider or practice (DCB0160), or its ICB
     * where the ICB procured the system ({@code route}, DCB0160): the parties the clinical safety standards make
     * answerable. Not an ICB under the practice route, whose practice is, nor an organisation that reads it in
     * another part (the procurement hub, the Service Desk, the BaRS programme, a former party), whatever roles its
     * token holds besides.
     */
    public static boolean actsAsSafetyOfficer(Caller caller, Incident incident, ProcurementRoute route) {
        Caller officer = new Caller(caller.user(), caller.organisation(), Set.of(Roles.CLINICAL_SAFETY_OFFICER));
        return caller.has(Roles.CLINICAL_SAFETY_OFFICER) && LISTED.stream()
                .filter(named -> named != ICB || route == ProcurementRoute.COMMISSIONER)
                .anyMatch(named -> named.appliesTo(officer) && named.names(incident, caller.organisation()));
    }

    private static Stream<PartyRole> routedAs(Caller caller) {
        return ROUTED_AS.entrySet().stream().filter(e -> caller.has(e.getKey())).flatMap(e -> e.getValue().stream())
                .distinct().sorted();
    }

    /** The supplier, when this scope holds its incidents and nothing else: a supplier's own list. */
    public Optional<String> onlySupplier() {
        return condition.equals(SUPPLIER_ONLY) ? Optional.of(organisation) : Optional.empty();
    }

    public boolean bindsOrganisation() {
        return organisation != null;
    }
}
