package uk.nhs.incidents.notification.domain;

import java.util.Locale;
import uk.nhs.incidents.routing.domain.Contact;

/**
 * A recipient with the address it is sent to: the mailbox of its contact, or for a Clinical Safety Officer without
 * one the organisation's incident mailbox, the message asking that it be passed on ({@code forwarded}). Without any
 * mailbox the address is null, and the notification is kept as failed rather than dropped.
 */
public record Addressed(Recipient recipient, String email, boolean forwarded) {

    /** An organisation's registered mailboxes; either may be missing. */
    public record Mailboxes(String incident, String cso) {

        public static final Mailboxes NONE = new Mailboxes(null, null);
    }

    public static Addressed of(Recipient recipient, Mailboxes mailboxes) {
        if (recipient.contact() == Contact.CSO && mailboxes.cso() == null && mailboxes.incident() != null) {
            return new Addressed(recipient, mailboxes.incident(), true);
        }
        return new Addressed(recipient, recipient.contact() == Contact.CSO ? mailboxes.cso() : mailboxes.incident(),
                false);
    }

    /** Recipients with the same key get one message. */
    public String key() {
        return email != null ? email.toLowerCase(Locale.ROOT)
                : "no mailbox: " + recipient.organisation() + " " + recipient.contact();
    }

    /** One message per mailbox: a CSO request forwarded to a mailbox that hears anyway rides along. */
    public Addressed with(Addressed other) {
        return new Addressed(recipient, email, forwarded || other.forwarded);
    }
}
