package uk.nhs.incidents.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.reporting.domain.ReportScope.Part;
import uk.nhs.incidents.security.Caller;

class ReportScopeTest {

    private static Optional<ReportScope> scope(String roles, String type) {
        return ReportScope.of(new Caller("someone", "ORG1", Set.of(roles.split("\\+"))),
                type.isEmpty() ? Optional.empty() : Optional.of(OrganisationType.valueOf(type)));
    }

    @ParameterizedTest(name = "{0} at a {1} counts everything")
    @CsvSource({"admin, ICB", "hub, PROCUREMENT_HUB", "reporting, PROCUREMENT_HUB", "hub+supplier, SUPPLIER"})
    void theHubAndAdminsCountEverything(String roles, String type) {
        assertThat(scope(roles, type)).hasValueSatisfying(s -> assertThat(s.everything()).isTrue());
    }

    @ParameterizedTest(name = "{0} at a {1} counts the incidents where it is the {2}")
    @CsvSource({
        "supplier, SUPPLIER, SUPPLIER", "icb, ICB, ICB", "provider, PROVIDER, PROVIDER", "practice, PRACTICE, PROVIDER",
        "reporting, SUPPLIER, SUPPLIER", "reporting, ICB, ICB", "reporting, PROVIDER, PROVIDER",
        "reporting, PRACTICE, PROVIDER", "reporting, NATIONAL_SERVICE_DESK, REPORTER",
        "reporting, BARS_PROGRAMME, BARS_PROGRAMME"})
    void eachRoleCountsItsOrganisationsPart(String roles, String type, Part part) {
        ReportScope scope = scope(roles, type).orElseThrow();
        assertThat(scope.everything()).isFalse();
        assertThat(scope.parts()).containsExactly(part);
        assertThat(scope.organisation()).isEqualTo("ORG1");
    }

    @ParameterizedTest(name = "{0} at a {1} may not read reports")
    @CsvSource({"clinical-safety-officer, SUPPLIER", "service-desk, NATIONAL_SERVICE_DESK",
        "bars-programme, BARS_PROGRAMME", "reporting, ''"})
    void otherRolesAndUnregisteredOrganisationsHaveNoScope(String roles, String type) {
        assertThat(scope(roles, type)).isEmpty();
    }

    @ParameterizedTest(name = "{0} counts the union")
    @CsvSource({"supplier+icb, ICB"})
    void severalRolesCountTheUnion(String roles, String type) {
        assertThat(scope(roles, type).orElseThrow().parts()).containsExactlyInAnyOrder(Part.SUPPLIER, Part.ICB);
    }
}
