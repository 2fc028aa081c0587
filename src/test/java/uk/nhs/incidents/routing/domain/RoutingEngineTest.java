package uk.nhs.incidents.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.vocabulary.Phase;

/** The engine's mechanics on a small rule set; the default rule set is proven over HTTP (RoutingTableTest). */
class RoutingEngineTest {

    private static RoutingRule rule(Phase phase, Integer maxSeverity, Part part, PartyRole party, Contact contact,
            String reason) {
        return new RoutingRule(phase, null, null, maxSeverity, null, null, null, null, null, null, part, party,
                contact, false, reason);
    }

    private static final List<RoutingRule> RULES = List.of(
            rule(null, null, Part.RESOLVER, PartyRole.SUPPLIER, Contact.INCIDENT, "supplier resolves"),
            rule(Phase.LIVE, 2, Part.ACCOUNTABLE, PartyRole.ICB, Contact.INCIDENT, "high: ICB"),
            rule(null, null, Part.ACCOUNTABLE, PartyRole.REPORTER, Contact.INCIDENT, "otherwise the reporter"),
            rule(null, null, Part.INFORMED, PartyRole.REPORTER, Contact.INCIDENT, "reporter told"),
            rule(Phase.LIVE, null, Part.INFORMED, PartyRole.ICB, Contact.INCIDENT, "live: ICB told"),
            rule(Phase.LIVE, 2, Part.INFORMED, PartyRole.ICB, Contact.INCIDENT, "high: ICB told"),
            rule(Phase.LIVE, 2, Part.INFORMED, PartyRole.PROCUREMENT_HUB, Contact.INCIDENT, "high: hub told"));

    private static final PartyDirectory DIRECTORY = new PartyDirectory(Map.of(PartyRole.SUPPLIER, "S1",
            PartyRole.REPORTER, "P1", PartyRole.ICB, "Q1"));

    private static RoutingFacts facts(Phase phase, int severity) {
        return new RoutingFacts(phase, Programme.BARS, ProcurementRoute.COMMISSIONER, severity, false, false, false,
                false, false);
    }

    @Test
    void theFirstMatchingRuleDecidesTheAccountableParty() {
        assertThat(RoutingEngine.route(facts(Phase.LIVE, 1), DIRECTORY, RULES).accountable().organisation())
                .isEqualTo("Q1");
        assertThat(RoutingEngine.route(facts(Phase.LIVE, 3), DIRECTORY, RULES).accountable().organisation())
                .isEqualTo("P1");
    }

    @Test
    void anOrganisationNamedByTwoRulesIsInformedOnceWithBothReasons() {
        Routing routing = RoutingEngine.route(facts(Phase.LIVE, 2), DIRECTORY, RULES);
        assertThat(routing.informed()).extracting(RoutedParty::organisation).containsExactly("P1", "Q1", null);
        assertThat(routing.informed().get(1).reasons()).containsExactly("live: ICB told", "high: ICB told");
    }

    @Test
    void anAccountablePartyOrResolverNoOrganisationHoldsIsRefusedRatherThanLeftEmpty() {
        List<RoutingRule> hubAccountable = List.of(
                rule(null, null, Part.RESOLVER, PartyRole.SUPPLIER, Contact.INCIDENT, "supplier resolves"),
                rule(null, null, Part.ACCOUNTABLE, PartyRole.PROCUREMENT_HUB, Contact.INCIDENT, "hub owns"));
        assertThatThrownBy(() -> RoutingEngine.route(facts(Phase.LIVE, 1), DIRECTORY, hubAccountable))
                .isInstanceOf(RoutingEngine.UnroutableException.class)
                .hasMessageContaining("PROCUREMENT_HUB the ACCOUNTABLE");
        List<RoutingRule> hubResolves = List.of(
                rule(null, null, Part.RESOLVER, PartyRole.PROCUREMENT_HUB, Contact.INCIDENT, "hub resolves"),
                rule(null, null, Part.ACCOUNTABLE, PartyRole.REPORTER, Contact.INCIDENT, "reporter owns"));
        assertThatThrownBy(() -> RoutingEngine.route(facts(Phase.LIVE, 1), DIRECTORY, hubResolves))
                .isInstanceOf(RoutingEngine.UnroutableException.class)
                .hasMessageContaining("PROCUREMENT_HUB the RESOLVER");
    }

    @Test
    void aNationalPartyWithNoRegisteredOrganisationIsStillShown() {
        RoutedParty hub = RoutingEngine.route(facts(Phase.LIVE, 1), DIRECTORY, RULES).informed().get(2);
        assertThat(hub.party()).isEqualTo(PartyRole.PROCUREMENT_HUB);
        assertThat(hub.organisation()).isNull();
    }

    @Test
    void partiesAddedByAChangeAreTheOnesNotThereBefore() {
        Routing before = RoutingEngine.route(facts(Phase.LIVE, 3), DIRECTORY, RULES);
        Routing after = RoutingEngine.route(facts(Phase.LIVE, 2), DIRECTORY, RULES);
        assertThat(after.addedSince(before)).extracting(RoutedParty::part, RoutedParty::organisation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Part.ACCOUNTABLE, "Q1"),
                        org.assertj.core.groups.Tuple.tuple(Part.INFORMED, null));
    }

    @Test
    void aRuleSetWithoutAResolverIsUnroutable() {
        List<RoutingRule> noResolver = RULES.subList(1, RULES.size());
        assertThatThrownBy(() -> RoutingEngine.route(facts(Phase.TEST, 3), DIRECTORY, noResolver))
                .isInstanceOf(RoutingEngine.UnroutableException.class);
        assertThat(RoutingEngine.uncovered(noResolver, 2)).hasSize(2);
        assertThat(RoutingEngine.uncovered(RULES, 2)).isEmpty();
    }

    /** No deployment bought by its ICB records that ICB's support: a rule set need not route such incidents. */
    @Test
    void aRuleSetIsCompleteWithoutRulesForCombinationsNoDeploymentHas() {
        List<RoutingRule> byRoute = List.of(RULES.get(0),
                new RoutingRule(null, ProcurementRoute.COMMISSIONER, null, null, null, null, null, false, null, null,
                        Part.ACCOUNTABLE, PartyRole.ICB, Contact.INCIDENT, false, "the ICB bought it"),
                new RoutingRule(null, ProcurementRoute.PRACTICE, null, null, null, null, null, null, null, null,
                        Part.ACCOUNTABLE, PartyRole.PROVIDER, Contact.INCIDENT, false, "the practice bought it"));
        assertThat(RoutingEngine.uncovered(byRoute, 1)).isEmpty();
    }

    @Test
    void factsAreDescribedInWordsWithTheFlagsThatAreSet() {
        assertThat(new RoutingFacts(Phase.LIVE, Programme.BARS, ProcurementRoute.COMMISSIONER, 1, true, false, false,
                true, false).describe()).isEqualTo("a LIVE BARS incident, COMMISSIONER route, severity 1, clinical "
                        + "safety, raised by the Service Desk");
    }
}
