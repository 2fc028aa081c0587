package uk.nhs.incidents.notification.domain;

import java.util.Locale;
import uk.nhs.incidents.routing.domain.Contact;

/**
 * A recipient with the address it is sent to: the mailbox of its contact, or for a Clinical Safety Officer without
 * one the organisation's incident mailbox, the message asking that it be passed on ({@code forwarded}). Without any
 * mailbox the address is null, and the notification is kept as failed rather than dropped. {@code csoToo}: the
 * organisation's CSO mailbox is this very mailbox, so the one message it gets carries the CSO's request as well.
 */
public record Addressed(Recipient recipient, String email, boolean forwarded, boolean csoToo) {

    /** An organisation's registered mailboxes; either may be missing. */
    public record Mailboxes(String incident, String cso) {

        public static final Mailboxes NONE = new Mailboxes(null, null);
    }

    public static Addressed of(Recipient recipient, Mailboxes mailboxes) {
        if (recipient.contact() == Contact.CSO && mailboxes.cso() == null && mailboxes.incident() != null) {
            return new Addressed(recipient, mailboxes.incident(), true, false);
        }
        return new Addressed(recipient, recipient.contact() == Contact.CSO ? mailboxes.cso() : mailboxes.incident(),
                false, false);
    }

    /** Recipients with the same key get one message. */
    public String key() {
        return email != null ? email.toLowerCase(Locale.ROOT)
                : "no mailbox: " + recipient.organisation() + " " + recipient.contact();
    }

    /**
     * One message per mailbox, written to the incident contact where one of the two is: a CSO request forwarded
     * to a mailbox that hears anyway, or sent to a CSO mailbox that is the incident mailbox too, rides along.
     */
    public Addressed with(Addressed other) {
        boolean otherInstead = recipient.contact() == Contact.CSO && other.recipient.contact() != Contact.CSO;
        Addressed kept = otherInstead ? other : this;
        Addressed joined = otherInstead ? this : other;
        boolean csoRidesAlong = kept.recipient.contact() != Contact.CSO && joined.recipient.contact() == Contact.CSO
                && !joined.forwarded;
        return new Addressed(observing(kept.recipient, joined.recipient), kept.email, forwarded || other.forwarded,
                csoToo || other.csoToo || csoRidesAlong);
    }

    /**
     * The recipient kept, an observer if the organisation is one under either entry: the Service Desk that posted an
     * incident is also routed for information by the national rules, and must not be asked, under that entry, for
     * what it may not do (confirm a resolution, open evidence).
     */
    private static Recipient observing(Recipient kept, Recipient joined) {
        boolean observer = kept.observer() || joined.observer() && joined.organisation() != null
                && joined.organisation().equals(kept.organisation());
        return observer == kept.observer() ? kept
                : new Recipient(kept.organisation(), kept.contact(), kept.part(), true);
    }
}
