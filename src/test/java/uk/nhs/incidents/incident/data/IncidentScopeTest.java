package uk.nhs.incidents.incident.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.domain.Routing.FormerParty;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/** The in-memory reading rule; ReadingScopeAgreementTest holds it to the query form over real incidents. */
class IncidentScopeTest {

    private static final Incident INCIDENT = incident();
    private static final Routing ROUTED = new Routing(party(Part.RESOLVER, PartyRole.SUPPLIER, "S1"),
            party(Part.ACCOUNTABLE, PartyRole.ICB, "I1"), List.of(party(Part.INFORMED, PartyRole.PROVIDER, "P1")),
            List.of(new FormerParty(party(Part.INFORMED, PartyRole.PROCUREMENT_HUB, "HUB"), Instant.EPOCH)));

    private static Incident incident() {
        Incident incident = new Incident();
        incident.supplier = "S1";
        incident.provider = "P1";
        incident.icb = "I1";
        incident.reporterOrganisation = "P1";
        incident.waitingOn = "W1";
        return incident;
    }

    private static RoutedParty party(Part part, PartyRole role, String organisation) {
        return new RoutedParty(part, role, organisation, Contact.INCIDENT, false, List.of("a rule"));
    }

    private static boolean reads(String role, String organisation) {
        return IncidentScope.reads(Set.of(role), organisation, INCIDENT, ROUTED);
    }

    @Test
    void eachPartyReadsTheIncidentInTheRoleThatActsForIt() {
        assertThat(reads(Roles.SUPPLIER, "S1")).isTrue();
        assertThat(reads(Roles.PROVIDER, "P1")).isTrue();
        assertThat(reads(Roles.ICB, "I1")).isTrue();
        assertThat(reads(Roles.CLINICAL_SAFETY_OFFICER, "S1")).isTrue();
    }

    @Test
    void aPartyRemovedByReRoutingKeepsReadingAndAnOrganisationWaitedOnReadsToo() {
        assertThat(reads(Roles.HUB, "HUB")).isTrue();
        assertThat(reads(Roles.PROVIDER, "W1")).isTrue();
    }

    @Test
    void anOrganisationOutsideTheIncidentOrInTheWrongRoleReadsNothing() {
        assertThat(reads(Roles.SUPPLIER, "S2")).isFalse();
        assertThat(reads(Roles.SUPPLIER, "P1")).isFalse();
        assertThat(reads(Roles.HUB, "HUB2")).as("a hub never routed to it").isFalse();
        assertThat(reads(Roles.SUPPLIER, "W1")).as("only some roles read what waits on them").isFalse();
        assertThat(reads(Roles.REPORTING, "S1")).as("reporting reads figures, not incidents").isFalse();
    }

    @Test
    void anAdminReadsEveryIncident() {
        assertThat(reads(Roles.ADMIN, "ANY")).isTrue();
    }

    @Test
    void onlyACallerWithTheSupplierRoleAloneHasAScopeOfItsSuppliersIncidentsOnly() {
        assertThat(IncidentScope.of(caller("S1", Roles.SUPPLIER)).onlySupplier()).contains("S1");
        assertThat(IncidentScope.of(caller("S1", Roles.CLINICAL_SAFETY_OFFICER)).onlySupplier()).isEmpty();
        assertThat(IncidentScope.of(caller("S1", Roles.SUPPLIER, Roles.PROVIDER)).onlySupplier()).isEmpty();
        assertThat(IncidentScope.of(caller("P1", Roles.PROVIDER)).onlySupplier()).isEmpty();
        assertThat(IncidentScope.reading(caller("S1", Roles.SUPPLIER)).onlySupplier()).as("reading one by one")
                .isEmpty();
        assertThat(IncidentScope.EVERYTHING.onlySupplier()).isEmpty();
    }

    private static Caller caller(String organisation, String... roles) {
        return new Caller(organisation, organisation, Set.of(roles));
    }

    @Test
    void theRolesRefusedOnTheIncidentEndpointsAreExactlyThoseWhoseScopeHoldsNoIncident() {
        List<String> every = List.of(Roles.PROVIDER, Roles.PRACTICE, Roles.SUPPLIER, Roles.SERVICE_DESK, Roles.ICB,
                Roles.HUB, Roles.BARS_PROGRAMME, Roles.CLINICAL_SAFETY_OFFICER, Roles.ADMIN, Roles.REPORTING,
                Roles.INTEGRATION, Roles.METRICS);
        for (String role : every) {
            boolean scopesNothing = IncidentScope.of(new Caller("u", "O1", Set.of(role))).condition().equals("false");
            assertThat(scopesNothing).as(role).isEqualTo(!Roles.ON_INCIDENTS.contains(role));
        }
    }
}
