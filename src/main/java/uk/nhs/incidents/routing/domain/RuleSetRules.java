package uk.nhs.incidents.routing.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.common.problem.Problem.Violation;

/**
 * What makes a rule set well-formed, before it is checked for coverage: a bounded number of rules (each incident
 * is matched against all of them), no severity range that matches nothing, and no rule that repeats an earlier
 * one but for its reason, which could only hide an edit that was meant for it.
 */
public final class RuleSetRules {

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
            Integer earlier = seen.putIfAbsent(withoutReason(rule), i);
            if (earlier != null) {
                violations.add(new Violation("[" + i + "]", "repeats rule [" + earlier + "]"));
            }
        }
        return violations;
    }

    private static RoutingRule withoutReason(RoutingRule r) {
        return new RoutingRule(r.phase(), r.route(), r.minSeverity(), r.maxSeverity(), r.programme(),
                r.clinicalSafety(), r.nationalComponentSuspected(), r.icbSupportAgreed(), r.raisedByServiceDesk(),
                r.part(), r.party(), r.contact(), r.bestEffort(), null);
    }
}
