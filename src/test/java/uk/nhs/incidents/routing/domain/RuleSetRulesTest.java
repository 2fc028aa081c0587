package uk.nhs.incidents.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.vocabulary.Phase;

class RuleSetRulesTest {

    private static RoutingRule informHub(Integer minSeverity, Integer maxSeverity, String reason) {
        return new RoutingRule(Phase.LIVE, ProcurementRoute.COMMISSIONER, minSeverity, maxSeverity, null, null, null,
                null, null, null, Part.INFORMED, PartyRole.PROCUREMENT_HUB, Contact.INCIDENT, false, reason);
    }

    /** Bounds at the ends of the scale match what no bounds match: such a rule repeats one without them. */
    @Test
    void aRuleBoundedByTheEndsOfTheSeverityScaleRepeatsTheSameRuleUnbounded() {
        List<Violation> violations = RuleSetRules.violations(List.of(informHub(null, null, "Every live incident"),
                informHub(1, 5, "Every severity")), 200);
        assertThat(violations).extracting(Violation::field, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("[1]", "repeats rule [0]"));
    }

    @Test
    void aNarrowerSeverityRangeIsAnotherRule() {
        assertThat(RuleSetRules.violations(List.of(informHub(null, null, "Every live incident"),
                informHub(1, 2, "Severe ones")), 200)).isEmpty();
    }
}
