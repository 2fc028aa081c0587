package uk.nhs.incidents.routing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;

/**
 * Routes an incident by its rule set: the first matching rule names the resolver, the first the accountable
 * party; every matching rule adds an informed party, and one organisation named by several rules is informed
 * once, with all their reasons.
 */
public final class RoutingEngine {

    private RoutingEngine() {
    }

    public static Routing route(RoutingFacts facts, PartyDirectory directory, List<RoutingRule> rules) {
        RoutedParty resolver = registered(first(Part.RESOLVER, facts, directory, rules)
                .orElseThrow(() -> new UnroutableException("no rule names a resolver for " + facts)), facts);
        RoutedParty accountable = registered(first(Part.ACCOUNTABLE, facts, directory, rules)
                .orElseThrow(() -> new UnroutableException("no rule names an accountable party for " + facts)), facts);
        List<RoutedParty> informed = new ArrayList<>();
        rules.stream().filter(r -> r.part() == Part.INFORMED && r.matches(facts))
                .map(r -> party(r, directory)).forEach(p -> merge(informed, p));
        return new Routing(resolver, accountable, informed);
    }

    /**
     * The first combinations of facts (at most {@code limit}) for which the rule set names no resolver or no
     * accountable party; empty when every incident can be routed.
     */
    public static List<RoutingFacts> uncovered(List<RoutingRule> rules, int limit) {
        List<RoutingFacts> gaps = new ArrayList<>();
        for (RoutingFacts facts : everyCombination()) {
            boolean resolver = rules.stream().anyMatch(r -> r.part() == Part.RESOLVER && r.matches(facts));
            boolean accountable = rules.stream().anyMatch(r -> r.part() == Part.ACCOUNTABLE && r.matches(facts));
            if ((!resolver || !accountable) && gaps.size() < limit) {
                gaps.add(facts);
            }
        }
        return gaps;
    }

    /**
     * Every phase, programme, route and severity with every combination of the five flags, one bit each, that a
     * deployment can have: an ICB's support is agreed only where the route takes it (a practice-bought system), so a
     * rule set is not refused for leaving out a commissioner-bought system the ICB agreed to support.
     */
    private static List<RoutingFacts> everyCombination() {
        List<RoutingFacts> all = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            for (Programme programme : Programme.values()) {
                for (ProcurementRoute route : ProcurementRoute.values()) {
                    for (int severity = 1; severity <= 5; severity++) {
                        for (int flags = 0; flags < 1 << 5; flags++) {
                            if ((flags & 4) != 0 && !route.takesIcbSupport()) {
                                continue;
                            }
                            all.add(new RoutingFacts(phase, programme, route, severity, (flags & 1) != 0,
                                    (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, (flags & 16) != 0));
                        }
                    }
                }
            }
        }
        return all;
    }

    private static Optional<RoutedParty> first(Part part, RoutingFacts facts, PartyDirectory directory,
            List<RoutingRule> rules) {
        return rules.stream().filter(r -> r.part() == part && r.matches(facts)).findFirst()
                .map(r -> party(r, directory));
    }

    /**
     * A resolver or an accountable party is an organisation that acts: one the first matching rule names by a role
     * no organisation holds leaves the incident without one, and is refused rather than stored so. A rule set is
     * refused such rules now ({@link RuleSetRules}), but one stored before may still name a national role none is
     * registered as.
     */
    private static RoutedParty registered(RoutedParty party, RoutingFacts facts) {
        if (party.organisation() == null) {
            throw new UnroutableException("the rules make the " + party.party() + " the " + party.part() + " for "
                    + facts + ", and no organisation holds that role");
        }
        return party;
    }

    private static RoutedParty party(RoutingRule rule, PartyDirectory directory) {
        return new RoutedParty(rule.part(), rule.party(), directory.organisation(rule.party()), rule.contact(),
                rule.bestEffort(), List.of(rule.reason()));
    }

    private static void merge(List<RoutedParty> informed, RoutedParty party) {
        for (int i = 0; i < informed.size(); i++) {
            RoutedParty existing = informed.get(i);
            if (existing.sameRecipient(party)) {
                List<String> reasons = new ArrayList<>(existing.reasons());
                reasons.addAll(party.reasons());
                informed.set(i, new RoutedParty(existing.part(), existing.party(), existing.organisation(),
                        existing.contact(), existing.bestEffort() && party.bestEffort(), reasons));
                return;
            }
        }
        informed.add(party);
    }

    /** The rule set leaves some incident without a resolver or an accountable party. */
    public static class UnroutableException extends RuntimeException {

        public UnroutableException(String message) {
            super(message);
        }
    }
}
