package uk.nhs.incidents.notification.domain;

import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.RoutedParty;

/**
 * Someone to tell: an organisation, the mailbox to use, and the part it plays in the incident; an {@code observer}
 * (the Service Desk that posted it) is told as its reporter is but takes no part in its lifecycle, so is asked for
 * nothing it may not do.
 */
public record Recipient(String organisation, Contact contact, Part part, boolean observer) {

    public Recipient(String organisation, Contact contact, Part part) {
        this(organisation, contact, part, false);
    }

    static Recipient of(RoutedParty party) {
        return new Recipient(party.organisation(), party.contact(), party.part());
    }

    /** An organisation told through its incident mailbox, for information. */
    static Recipient informed(String organisation) {
        return new Recipient(organisation, Contact.INCIDENT, Part.INFORMED);
    }

    /** An organisation told through its incident mailbox, for information, that does not act on the incident. */
    static Recipient observing(String organisation) {
        return new Recipient(organisation, Contact.INCIDENT, Part.INFORMED, true);
    }
}
