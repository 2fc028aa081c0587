package uk.nhs.incidents.notification.domain;

import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.RoutedParty;

/** Someone to tell: an organisation, the mailbox to use, and the part it plays in the incident. */
public record Recipient(String organisation, Contact contact, Part part) {

    static Recipient of(RoutedParty party) {
        return new Recipient(party.organisation(), party.contact(), party.part());
    }

    /** An organisation told through its incident mailbox, for information. */
    static Recipient informed(String organisation) {
        return new Recipient(organisation, Contact.INCIDENT, Part.INFORMED);
    }
}
