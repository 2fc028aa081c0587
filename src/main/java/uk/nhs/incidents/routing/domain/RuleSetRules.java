package uk.nhs.incidents.routing.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.incidents.common.problem.Problem.Violation;

/**
 * What makes a rule set well-formed, before it is checked for coverage: a bounded number of rules (each incident
 * is matched against all of them), no severity range that matches nothing, resolvers and accountable parties that
 * can act in their part, reached at their incident mailbox, and no rule that repeats an earlier one but for its
 * reason, which could only hide an edit that was meant for it.
 */
public final class RuleSetRules {

    private static final Set<PartyRole> ACCOUNTABLE = EnumSet.of(PartyRole.PROVIDER, PartyRole.ICB);
    /** The ends of the severity scale a rule's bounds are given on (1 to 5, as the API validates them). */
    private static final int MOST_SEVERE = 1;
    private static final int LEAST_SEVERE = 5;

    private RuleSetRules() {
    }

    public static List<Violation> violations(List<RoutingRule> rules, int maxRules) {
        List<Violation> violations = new ArrayList<>();
        if (rules.size() > maxRules) {
            violations.add(new Violation("body", "at most " + maxRules + " rules; " + rules.size() + " given"));
            return violations;
        }
        Map<RoutingRule, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule rule = rules.get(i);
            if (rule.minSeverity() != null && rule.maxSeverity() != null && rule.minSeverity() > rule.maxSeverity()) {
                violations.add(new Violation("[" + i + "].minSeverity", "must not be above maxSeverity"));
            }
            String field = "[" + i + "].party";
            partyProblem(rule).ifPresent(problem -> violations.add(new Violation(field, problem)));
            if (rule.part() != Part.INFORMED && rule.contact() == Contact.CSO) {
                // Its incident mailbox would never be asked to triage or to own it; the officer reviews, as informed.
                violations.add(new Violation("[" + i + "].contact", "a resolver or accountable party is reached at its "
                        + "incident mailbox (INCIDENT); a Clinical Safety Officer (CSO) is only ever informed"));
            }
            Integer earlier = seen.putIfAbsent(asMatched(rule), i);
            if (earlier != null) {
                violations.add(new Violation("[" + i + "]", "repeats rule [" + earlier + "]"));
            }
        }
        return violations;
    }

    /**
     * A resolver or an accountable party is one that can act in that part: the lifecycle lets only the deployment's
     * supplier triage and resolve, and only a provider, practice or ICB confirm, reopen and cancel as accountable.
     * A national party named there would be told it owns incidents it cannot move, while the party that can was
     * never told; and where none of its type is registered, every raise the rule matched would be refused. The
     * reporter is no accountable party either: for an incident the Service Desk raised, it is the Service Desk.
     */
    private static Optional<String> partyProblem(RoutingRule rule) {
        if (rule.part() == Part.RESOLVER && rule.party() != PartyRole.SUPPLIER) {
            return Optional.of("a resolver is the deployment's supplier, the only party that triages and resolves");
        }
        if (rule.part() == Part.ACCOUNTABLE && !ACCOUNTABLE.contains(rule.party())) {
            return Optional.of("an accountable party is one of " + ACCOUNTABLE
                    + ", the parties that confirm, reopen and cancel");
        }
        return Optional.empty();
    }

    /**
     * The rule as what it matches and names, its reason left out: a severity bound at the end of the scale (1 as the
     * lowest, 5 as the highest) bounds nothing, as an empty one does.
     */
    private static RoutingRule asMatched(RoutingRule r) {
        Integer min = r.minSeverity() != null && r.minSeverity() == MOST_SEVERE ? null : r.minSeverity();
        Integer max = r.maxSeverity() != null && r.maxSeverity() == LEAST_SEVERE ? null : r.maxSeverity();
        return new RoutingRule(r.phase(), r.route(), min, max, r.programme(), r.clinicalSafety(),
                r.nationalComponentSuspected(), r.icbSupportAgreed(), r.raisedByServiceDesk(),
                r.barsProgrammeInvolved(), r.part(), r.party(), r.contact(), r.bestEffort(), null);
    }
}
