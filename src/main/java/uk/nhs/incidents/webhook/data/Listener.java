package uk.nhs.incidents.webhook.data;

import java.util.Set;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.security.RoleFit;
import uk.nhs.incidents.webhook.domain.EventSelection;

/** An enabled subscription as a change needs it: its organisation, that organisation's type, the events it wants. */
public record Listener(long id, String organisation, OrganisationType type, EventSelection events) {

    /**
     * Whether its organisation reads an incident the change holds, as the change leaves it, in the role that acts for
     * an organisation of its type: only then does it hear of the incident's events it wants.
     */
    public boolean reads(Incident incident, Routing routing) {
        return IncidentScope.reads(Set.of(RoleFit.partyRole(type)), organisation, incident, routing);
    }
}
