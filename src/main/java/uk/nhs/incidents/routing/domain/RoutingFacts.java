package uk.nhs.incidents.routing.domain;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;

/**
 * What routing depends on: the incident's classification, its deployment's terms, and whether the National Service
 * Desk has involved the BaRS programme in it.
 */
public record RoutingFacts(Phase phase, Programme programme, ProcurementRoute route, int severity,
        boolean clinicalSafety, boolean nationalComponentSuspected, boolean icbSupportAgreed,
        boolean raisedByServiceDesk, boolean barsProgrammeInvolved) {

    /** As an admin reads it: {@code a LIVE BARS incident, COMMISSIONER route, severity 1, clinical safety}. */
    public String describe() {
        List<String> facts = new ArrayList<>(List.of("a " + phase + " " + programme + " incident", route + " route",
                "severity " + severity));
        flag(facts, clinicalSafety, "clinical safety");
        flag(facts, nationalComponentSuspected, "national component suspected");
        flag(facts, icbSupportAgreed, "ICB support agreed");
        flag(facts, raisedByServiceDesk, "raised by the Service Desk");
        flag(facts, barsProgrammeInvolved, "BaRS programme involved");
        return String.join(", ", facts);
    }

    private static void flag(List<String> facts, boolean set, String name) {
        if (set) {
            facts.add(name);
        }
    }
}
