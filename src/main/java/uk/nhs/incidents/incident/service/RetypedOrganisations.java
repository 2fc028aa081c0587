package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.party.service.OrganisationTypeChanging;

/**
 * Refuses to change the type of an organisation that an incident not yet ended routes (now or formerly) or was
 * raised by. Its routes name it in the part of its type (the procurement hub, the Service Desk), and what its
 * callers may read and do follows the type: re-typed, its own callers would lose the incident and it would still be
 * told of it as the party it no longer is. Ended incidents keep the parts they were worked under.
 */
@ApplicationScoped
class RetypedOrganisations {

    private final IncidentRepository incidents;

    RetypedOrganisations(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    void onTypeChanging(@Observes OrganisationTypeChanging change) {
        if (incidents.involvesNotEnded(change.odsCode())) {
            throw new ConflictException("organisation-in-use", "Type is in use",
                    "The organisation is routed on, or raised, an incident that has not ended, so its type cannot "
                            + "change from " + change.from() + " until those incidents are closed or cancelled.");
        }
    }
}
