package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentPartiesTest {

    /** Supplier S1 at provider P1, raised by service desk D1, ICB Q1 accountable. */
    private static final IncidentParties PARTIES = new IncidentParties("S1", "P1", "D1", "Q1");

    @ParameterizedTest(name = "{0} of {1} acts as [{2}]")
    @CsvSource({
            "supplier, S1, RESOLVER",
            "supplier, P1, ''",
            "provider, P1, REPORTER",
            "practice, P1, REPORTER",
            "service-desk, D1, ''",
            "icb, Q1, ACCOUNTABLE",
            "icb, S1, ''",
            "hub, Q1, ''",
            "admin, Q1, ''",
            "provider, Q1, ACCOUNTABLE"})
    void rolesActOnlyForTheirOwnOrganisation(String role, String organisation, String actors) {
        Set<Actor> expected = actors.isEmpty() ? Set.of() : Set.of(Actor.valueOf(actors));
        assertThat(PARTIES.actorsFor(Set.of(role), organisation)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "a practice that raised its own test incident is reporter and accountable")
    @CsvSource({"practice, P1"})
    void aReporterCanAlsoBeAccountable(String role, String organisation) {
        IncidentParties test = new IncidentParties("S1", "P1", "P1", "P1");
        assertThat(test.actorsFor(Set.of(role), organisation)).containsExactlyInAnyOrder(Actor.REPORTER, Actor.ACCOUNTABLE);
    }

    @Test
    void theIncidentMayWaitOnItsReporterProviderAndAccountablePartyButNeverItsSupplier() {
        assertThat(PARTIES.mayBeWaitedOn()).containsExactly("D1", "P1", "Q1");
        assertThat(new IncidentParties("S1", "P1", "P1", "P1").mayBeWaitedOn()).containsExactly("P1");
        assertThat(new IncidentParties("S1", "P1", "D1", "S1").mayBeWaitedOn()).as("a supplier made accountable")
                .containsExactly("D1", "P1");
    }
}
