package uk.nhs.incidents.party.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.incidents.common.problem.Problem.Violation;

/** Which kinds of organisation may fill each slot of a deployment, and how the route constrains them. */
public final class DeploymentRules {

    private static final Map<String, Set<OrganisationType>> SLOTS = Map.of(
            "supplier", EnumSet.of(OrganisationType.SUPPLIER),
            "provider", EnumSet.of(OrganisationType.PROVIDER, OrganisationType.PRACTICE),
            "icb", EnumSet.of(OrganisationType.ICB));

    private DeploymentRules() {
    }

    /**
     * @param slotTypes the type of the organisation named in each slot, {@code null} where no such organisation
     *        exists
     */
    public static List<Violation> check(Map<String, OrganisationType> slotTypes, ProcurementRoute route,
            boolean icbSupportAgreed) {
        List<Violation> violations = new ArrayList<>();
        SLOTS.forEach((slot, accepted) -> {
            if (!slotTypes.containsKey(slot) || slotTypes.get(slot) == null) {
                violations.add(new Violation(slot, "no organisation with this ODS code"));
            } else if (!accepted.contains(slotTypes.get(slot))) {
                violations.add(new Violation(slot, "must be an organisation of type " + accepted
                        + ", not " + slotTypes.get(slot)));
            }
        });
        if (route == ProcurementRoute.PRACTICE && slotTypes.get("provider") != null
                && slotTypes.get("provider") != OrganisationType.PRACTICE) {
            violations.add(new Violation("provider", "the PRACTICE procurement route needs a PRACTICE here"));
        }
        if (icbSupportAgreed && route != null && !route.takesIcbSupport()) {
            violations.add(new Violation("icbSupportAgreed", "applies only to the PRACTICE procurement route"));
        }
        violations.sort(java.util.Comparator.comparing(Violation::field));
        return violations;
    }
}
