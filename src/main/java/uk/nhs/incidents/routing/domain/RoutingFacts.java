package uk.nhs.incidents.routing.domain;

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
}
