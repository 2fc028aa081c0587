package uk.nhs.incidents.webhook.data;

import java.time.Instant;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.webhook.domain.EventSelection;

/**
 * An enabled subscription as the webhooks' cache keeps it: whose it is, the events it wants, and the secrets that
 * sign for it (sealed), so that a sender part-way through a batch signs with a secret rotated meanwhile.
 */
public record Subscribed(long id, String organisation, EventSelection events, String secret, String previousSecret,
        Instant previousSecretExpiresAt) {

    /** The subscription as a change asks it, its organisation being of {@code type}. */
    public Listener as(OrganisationType type) {
        return new Listener(id, organisation, type, events);
    }
}
