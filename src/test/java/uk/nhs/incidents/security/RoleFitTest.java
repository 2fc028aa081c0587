package uk.nhs.incidents.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.party.domain.OrganisationType;

class RoleFitTest {

    @ParameterizedTest(name = "{0} fits {1} only")
    @CsvSource({
            "supplier, SUPPLIER",
            "provider, PROVIDER",
            "practice, PRACTICE",
            "icb, ICB",
            "hub, PROCUREMENT_HUB",
            "bars-programme, BARS_PROGRAMME",
            "service-desk, NATIONAL_SERVICE_DESK"})
    void eachPartyRoleFitsOnlyItsOwnType(String role, OrganisationType own) {
        for (OrganisationType type : OrganisationType.values()) {
            assertThat(RoleFit.misfit(Set.of(role), Optional.of(type), false).isEmpty()).as(type.name())
                    .isEqualTo(type == own);
        }
        assertThat(RoleFit.misfit(Set.of(role), Optional.empty(), true)).contains(role);
        assertThat(RoleFit.partyRole(own)).as("the role that acts for its type").isEqualTo(role);
    }

    @ParameterizedTest(name = "{0} fits any registered organisation")
    @ValueSource(strings = {"clinical-safety-officer", "reporting", "integration"})
    void rolesWithoutATypeFitAnyRegisteredOrganisation(String role) {
        for (OrganisationType type : OrganisationType.values()) {
            assertThat(RoleFit.misfit(Set.of(role), Optional.of(type), false)).isEmpty();
        }
        assertThat(RoleFit.misfit(Set.of(role), Optional.empty(), false)).contains(role);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"admin, SUPPLIER", "admin, PROCUREMENT_HUB", "metrics, SUPPLIER", "metrics, PROCUREMENT_HUB"})
    void adminAndMetricsFitOnlyAnOperatorRegisteredOrNot(String role, OrganisationType type) {
        assertThat(RoleFit.misfit(Set.of(role), Optional.of(type), false)).contains(role);
        assertThat(RoleFit.misfit(Set.of(role), Optional.of(type), true)).isEmpty();
        assertThat(RoleFit.misfit(Set.of(role), Optional.empty(), true)).isEmpty();
        assertThat(RoleFit.needsType(Set.of(role))).isFalse();
    }

    @ParameterizedTest(name = "{0} is ignored")
    @ValueSource(strings = {"offline_access", "uma_authorization"})
    void rolesTheServiceDoesNotKnowGrantNothingAndAreNotChecked(String role) {
        assertThat(RoleFit.misfit(Set.of(role), Optional.empty(), false)).isEmpty();
        assertThat(RoleFit.holdsAny(Set.of(role))).as("nor count as a role").isFalse();
        assertThat(RoleFit.holdsAny(Set.of(role, Roles.REPORTING))).isTrue();
        assertThat(RoleFit.misfit(Set.of(role, Roles.SUPPLIER), Optional.of(OrganisationType.ICB), false))
                .contains(Roles.SUPPLIER);
    }
}
