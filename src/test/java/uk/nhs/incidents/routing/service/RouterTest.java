package uk.nhs.incidents.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutingFacts;
import uk.nhs.incidents.routing.domain.RoutingRule;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * The router over the national organisations registered now: rules that make a national party accountable route an
 * incident to the one registered, and are refused with a 422 to the raise, the preview or the re-routing that meets
 * them while none is, instead of an incident stored without an owner (a 409 that no retry could cure).
 */
class RouterTest {

    private static final List<RoutingRule> HUB_ACCOUNTABLE = List.of(
            new RoutingRule(null, null, null, null, null, null, null, null, null, null, Part.RESOLVER,
                    PartyRole.SUPPLIER, Contact.INCIDENT, false, "the supplier resolves"),
            new RoutingRule(null, null, null, null, null, null, null, null, null, null, Part.ACCOUNTABLE,
                    PartyRole.PROCUREMENT_HUB, Contact.INCIDENT, false, "the hub owns"));
    private static final RoutingFacts LIVE_ONE = new RoutingFacts(Phase.LIVE, Programme.BARS,
            ProcurementRoute.COMMISSIONER, 1, false, false, false, false, false);
    private static final RoutingService.Parties PARTIES = new RoutingService.Parties("S1", "P1", "Q1", "P1");

    @Test
    void aNationalPartyMadeAccountableOwnsTheIncidentWhileOneIsRegistered() {
        RoutingService.Router router = new RoutingService.Router(HUB_ACCOUNTABLE,
                Map.of(OrganisationType.PROCUREMENT_HUB, "H1"));
        assertThat(router.route(LIVE_ONE, PARTIES).accountable().organisation()).isEqualTo("H1");
    }

    @Test
    void withNoneRegisteredTheIncidentIsRefusedAsUnroutable() {
        RoutingService.Router router = new RoutingService.Router(HUB_ACCOUNTABLE, Map.of());
        assertThatThrownBy(() -> router.route(LIVE_ONE, PARTIES)).isInstanceOf(UnprocessableException.class)
                .hasMessageContaining("PROCUREMENT_HUB the ACCOUNTABLE")
                .satisfies(e -> assertThat(((UnprocessableException) e).type()).isEqualTo("routing-unresolvable"));
    }
}
