package uk.nhs.incidents.routing.domain;

import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;

/**
 * One row of the routing rule set: when every condition that is set matches, the party takes the part, for the
 * reason given. A {@code null} condition matches anything.
 */
public record RoutingRule(
        Phase phase,
        ProcurementRoute route,
        Integer minSeverity,
        Integer maxSeverity,
        Programme programme,
        Boolean clinicalSafety,
        Boolean nationalComponentSuspected,
        Boolean icbSupportAgreed,
        Boolean raisedByServiceDesk,
        Boolean barsProgrammeInvolved,
        Part part,
        PartyRole party,
        Contact contact,
        boolean bestEffort,
        String reason) {

    public boolean matches(RoutingFacts facts) {
        return (phase == null || phase == facts.phase())
                && (route == null || route == facts.route())
                && (minSeverity == null || facts.severity() >= minSeverity)
                && (maxSeverity == null || facts.severity() <= maxSeverity)
                && (programme == null || programme == facts.programme())
                && (clinicalSafety == null || clinicalSafety == facts.clinicalSafety())
                && (nationalComponentSuspected == null || nationalComponentSuspected == facts.nationalComponentSuspected())
                && (icbSupportAgreed == null || icbSupportAgreed == facts.icbSupportAgreed())
                && (raisedByServiceDesk == null || raisedByServiceDesk == facts.raisedByServiceDesk())
                && (barsProgrammeInvolved == null || barsProgrammeInvolved == facts.barsProgrammeInvolved());
    }
}
