package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;

/** Which mailbox a recipient is sent to, and when two recipients share one message. */
class AddressedTest {

    private static final Recipient CSO = new Recipient("PRV01", Contact.CSO, Part.INFORMED);
    private static final Recipient INCIDENT = new Recipient("PRV01", Contact.INCIDENT, Part.INFORMED);

    /** The Service Desk that posted an incident, routed for information too, stays an observer in either order. */
    @Test
    void anObserverRoutedForInformationTooStaysAnObserver() {
        Addressed.Mailboxes desk = new Addressed.Mailboxes("desk@nsd.nhs.uk", null);
        Addressed routed = Addressed.of(new Recipient("NSD01", Contact.INCIDENT, Part.INFORMED), desk);
        Addressed observing = Addressed.of(new Recipient("NSD01", Contact.INCIDENT, Part.INFORMED, true), desk);
        assertThat(routed.with(observing).recipient().observer()).isTrue();
        assertThat(observing.with(routed).recipient().observer()).isTrue();
        Addressed otherSharing = Addressed.of(new Recipient("PRV01", Contact.INCIDENT, Part.INFORMED), desk);
        assertThat(otherSharing.with(observing).recipient().observer()).as("another organisation's mailbox")
                .isFalse();
    }

    @Test
    void aCsoIsWrittenToAtItsOwnMailbox() {
        Addressed addressed = Addressed.of(CSO, new Addressed.Mailboxes("desk@prv.nhs.uk", "cso@prv.nhs.uk"));
        assertThat(addressed.email()).isEqualTo("cso@prv.nhs.uk");
        assertThat(addressed.forwarded()).isFalse();
    }

    @Test
    void aCsoWithoutAMailboxIsReachedThroughTheIncidentMailboxAskingToPassItOn() {
        Addressed addressed = Addressed.of(CSO, new Addressed.Mailboxes("desk@prv.nhs.uk", null));
        assertThat(addressed.email()).isEqualTo("desk@prv.nhs.uk");
        assertThat(addressed.forwarded()).isTrue();
    }

    @Test
    void withoutAnyMailboxTheAddressIsEmptyAndKeyedByOrganisation() {
        Addressed addressed = Addressed.of(INCIDENT, Addressed.Mailboxes.NONE);
        assertThat(addressed.email()).isNull();
        assertThat(addressed.key()).isEqualTo("no mailbox: PRV01 INCIDENT");
    }

    @Test
    void aForwardedCsoRequestRidesAlongWithTheMessageTheMailboxGetsAnyway() {
        Addressed.Mailboxes mailboxes = new Addressed.Mailboxes("Desk@PRV.nhs.uk", null);
        Addressed incident = Addressed.of(INCIDENT, mailboxes);
        Addressed cso = Addressed.of(CSO, mailboxes);
        assertThat(incident.key()).isEqualTo(cso.key());
        assertThat(incident.with(cso).forwarded()).isTrue();
        assertThat(incident.with(cso).recipient()).isEqualTo(INCIDENT);
        assertThat(cso.with(incident).forwarded()).isTrue();
        assertThat(cso.with(incident).recipient()).as("the incident contact, whichever came first").isEqualTo(INCIDENT);
    }

    @Test
    void aCsoMailboxThatIsTheIncidentMailboxGetsOneMessageCarryingBothRequests() {
        Addressed.Mailboxes mailboxes = new Addressed.Mailboxes("safety@prv.nhs.uk", "Safety@PRV.nhs.uk");
        Addressed incident = Addressed.of(INCIDENT, mailboxes);
        Addressed cso = Addressed.of(CSO, mailboxes);
        assertThat(incident.key()).isEqualTo(cso.key());
        for (Addressed joined : List.of(incident.with(cso), cso.with(incident))) {
            assertThat(joined.recipient()).isEqualTo(INCIDENT);
            assertThat(joined.csoToo()).isTrue();
            assertThat(joined.forwarded()).isFalse();
        }
        assertThat(incident.with(incident).csoToo()).isFalse();
    }
}
