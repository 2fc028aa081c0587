package uk.nhs.incidents.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.incidents.party.domain.OrganisationType;

/**
 * Which roles a token may carry for its organisation: each party role only with an organisation of its type,
 * admin and metrics only for an operator, and the roles of no type of their own (clinical safety officer, reporting,
 * integration) with any registered organisation. A role the service does not know grants nothing and is not checked,
 * but a token must hold at least one it knows.
 */
public final class RoleFit {

    private static final Map<String, OrganisationType> TYPE_OF_ROLE = Map.of(
            Roles.SUPPLIER, OrganisationType.SUPPLIER,
            Roles.PROVIDER, OrganisationType.PROVIDER,
            Roles.PRACTICE, OrganisationType.PRACTICE,
            Roles.ICB, OrganisationType.ICB,
            Roles.HUB, OrganisationType.PROCUREMENT_HUB,
            Roles.BARS_PROGRAMME, OrganisationType.BARS_PROGRAMME,
            Roles.SERVICE_DESK, OrganisationType.NATIONAL_SERVICE_DESK);
    private static final Set<String> ANY_REGISTERED = Set.of(Roles.CLINICAL_SAFETY_OFFICER, Roles.REPORTING,
            Roles.INTEGRATION);

    private RoleFit() {
    }

    /** The role that acts for an organisation of this type in the incidents it is a party to. */
    public static String partyRole(OrganisationType type) {
        return TYPE_OF_ROLE.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No role acts for " + type));
    }

    /** Whether checking {@code roles} needs the organisation's type (an admin alone does not). */
    public static boolean needsType(Set<String> roles) {
        return roles.stream().anyMatch(role -> TYPE_OF_ROLE.containsKey(role) || ANY_REGISTERED.contains(role));
    }

    /**
     * The first of {@code roles} (in name order) that an organisation of {@code type} (empty: not registered) may
     * not hold, or empty when all fit.
     */
    public static Optional<String> misfit(Set<String> roles, Optional<OrganisationType> type, boolean operator) {
        return roles.stream().sorted().filter(role -> !fits(role, type, operator)).findFirst();
    }

    /** Whether any of {@code roles} is one the service knows: a token with none of them may do nothing here. */
    public static boolean holdsAny(Set<String> roles) {
        return roles.stream().anyMatch(role -> operatorOnly(role) || ANY_REGISTERED.contains(role)
                || TYPE_OF_ROLE.containsKey(role));
    }

    /** Whether only an operator's token may carry the role, whatever the organisations table says. */
    public static boolean operatorOnly(String role) {
        return Roles.ADMIN.equals(role) || Roles.METRICS.equals(role);
    }

    private static boolean fits(String role, Optional<OrganisationType> type, boolean operator) {
        if (operatorOnly(role)) {
            return operator;
        }
        if (ANY_REGISTERED.contains(role)) {
            return type.isPresent();
        }
        OrganisationType needed = TYPE_OF_ROLE.get(role);
        return needed == null || type.filter(needed::equals).isPresent();
    }
}
