package uk.nhs.incidents.party.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.Problem.Violation;

class DeploymentRulesTest {

    private static Map<String, OrganisationType> slots(OrganisationType supplier, OrganisationType provider,
            OrganisationType icb) {
        Map<String, OrganisationType> slots = new HashMap<>();
        slots.put("supplier", supplier);
        slots.put("provider", provider);
        slots.put("icb", icb);
        return slots;
    }

    @Test
    void commissionerRouteAcceptsSupplierProviderAndIcb() {
        assertThat(DeploymentRules.check(slots(OrganisationType.SUPPLIER, OrganisationType.PROVIDER,
                OrganisationType.ICB), ProcurementRoute.COMMISSIONER, false)).isEmpty();
    }

    @Test
    void practiceRouteAcceptsAPracticeWithIcbSupport() {
        assertThat(DeploymentRules.check(slots(OrganisationType.SUPPLIER, OrganisationType.PRACTICE,
                OrganisationType.ICB), ProcurementRoute.PRACTICE, true)).isEmpty();
    }

    @Test
    void eachSlotRefusesTheWrongTypeOfOrganisation() {
        assertThat(DeploymentRules.check(slots(OrganisationType.ICB, OrganisationType.SUPPLIER,
                OrganisationType.PRACTICE), ProcurementRoute.COMMISSIONER, false))
                .extracting(Violation::field).containsExactly("icb", "provider", "supplier");
    }

    @Test
    void unknownOrganisationsAreNamed() {
        assertThat(DeploymentRules.check(slots(null, OrganisationType.PROVIDER, OrganisationType.ICB),
                ProcurementRoute.COMMISSIONER, false))
                .containsExactly(new Violation("supplier", "no organisation with this ODS code"));
    }

    @Test
    void practiceRouteNeedsAPractice() {
        assertThat(DeploymentRules.check(slots(OrganisationType.SUPPLIER, OrganisationType.PROVIDER,
                OrganisationType.ICB), ProcurementRoute.PRACTICE, false))
                .extracting(Violation::field).containsExactly("provider");
    }

    @Test
    void icbSupportAgreementBelongsToThePracticeRouteOnly() {
        assertThat(DeploymentRules.check(slots(OrganisationType.SUPPLIER, OrganisationType.PROVIDER,
                OrganisationType.ICB), ProcurementRoute.COMMISSIONER, true))
                .extracting(Violation::field).containsExactly("icbSupportAgreed");
    }
}
