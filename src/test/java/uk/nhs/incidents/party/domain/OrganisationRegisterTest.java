package uk.nhs.incidents.party.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganisationRegisterTest {

    private static RegisteredOrganisation organisation(String code, OrganisationType type) {
        return new RegisteredOrganisation(code, "Name of " + code, type, code.toLowerCase() + "@nhs.example", null);
    }

    private final OrganisationRegister register = new OrganisationRegister(List.of(
            organisation("X24", OrganisationType.PROCUREMENT_HUB),
            organisation("0HUB1", OrganisationType.PROCUREMENT_HUB),
            organisation("X26SD", OrganisationType.NATIONAL_SERVICE_DESK),
            organisation("RX9", OrganisationType.PROVIDER)));

    @Test
    void eachNationalRoleGoesToTheFirstOrganisationOfItsTypeByOdsCodeAndToNoneWhenNoneIsRegistered() {
        assertThat(register.firstOfEachType(List.of(OrganisationType.PROCUREMENT_HUB,
                OrganisationType.NATIONAL_SERVICE_DESK, OrganisationType.BARS_PROGRAMME)))
                .isEqualTo(Map.of(OrganisationType.PROCUREMENT_HUB, "0HUB1",
                        OrganisationType.NATIONAL_SERVICE_DESK, "X26SD"));
    }

    @Test
    void aLookupByCodeLeavesOutTheUnregisteredAndAnswersNullForThem() {
        Map<String, RegisteredOrganisation> found = register.byCode(Arrays.asList("RX9", "Q99", "SYSTEM", null));
        assertThat(found).containsOnlyKeys("RX9");
        assertThat(found.get(null)).isNull();
        assertThat(register.find("RX9")).map(RegisteredOrganisation::type).contains(OrganisationType.PROVIDER);
        assertThat(register.find("Q99")).isEmpty();
    }

    @Test
    void itTellsWhetherEveryCodeAskedForIsRegistered() {
        assertThat(register.hasAll(List.of("RX9", "X24"))).isTrue();
        assertThat(register.hasAll(List.of("RX9", "Q99"))).isFalse();
    }
}
