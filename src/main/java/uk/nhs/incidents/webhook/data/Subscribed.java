package uk.nhs.incidents.webhook.data;

import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.webhook.domain.EventSelection;

/** An enabled subscription as the webhooks' cache keeps it: whose it is and the events it wants. */
public record Subscribed(long id, String organisation, EventSelection events) {

    /** The subscription as a change asks it, its organisation being of {@code type}. */
    public Listener as(OrganisationType type) {
        return new Listener(id, organisation, type, events);
    }
}
