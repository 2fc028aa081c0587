package uk.nhs.incidents.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static RoutedParty party(Part part, PartyRole role, String organisation, Contact contact) {
        return new RoutedParty(part, role, organisation, contact, false, List.of("a rule"));
    }

    private static final RoutedParty OLD_SUPPLIER = party(Part.RESOLVER, PartyRole.SUPPLIER, "S1", Contact.INCIDENT);
    private static final RoutedParty NEW_SUPPLIER = party(Part.RESOLVER, PartyRole.SUPPLIER, "S2", Contact.INCIDENT);
    private static final RoutedParty ICB = party(Part.ACCOUNTABLE, PartyRole.ICB, "I1", Contact.INCIDENT);
    private static final RoutedParty REPORTER = party(Part.INFORMED, PartyRole.REPORTER, "P1", Contact.INCIDENT);

    /** Its officer informed is a part of the organisation's own, told apart from its incident mailbox's. */
    @Test
    void anOrganisationNamedInNoPartAnyMoreIsRemovedWithEveryPartItPlayedLeadingFirstAndAtWhichMailbox() {
        RoutedParty officer = party(Part.INFORMED, PartyRole.SUPPLIER, "S1", Contact.CSO);
        RoutedParty informed = party(Part.INFORMED, PartyRole.SUPPLIER, "S1", Contact.INCIDENT);
        Routing before = new Routing(OLD_SUPPLIER, ICB, List.of(REPORTER, officer, informed,
                party(Part.INFORMED, PartyRole.ICB, "I1", Contact.INCIDENT)));
        Routing after = new Routing(NEW_SUPPLIER, ICB, List.of(REPORTER));

        assertThat(after.organisationsRemovedSince(before))
                .isEqualTo(Map.of("S1", List.of(OLD_SUPPLIER, officer, informed)));
    }

    @Test
    void anOrganisationThatOnlyChangedItsPartOrMailboxIsNotRemoved() {
        Routing before = new Routing(OLD_SUPPLIER, ICB, List.of(REPORTER));
        Routing after = new Routing(OLD_SUPPLIER, party(Part.ACCOUNTABLE, PartyRole.PROVIDER, "P1", Contact.INCIDENT),
                List.of(party(Part.INFORMED, PartyRole.ICB, "I1", Contact.CSO)));

        assertThat(after.organisationsRemovedSince(before)).isEmpty();
    }

    @Test
    void aNationalPartyNoneIsRegisteredAsIsNoOrganisationToRemove() {
        Routing before = new Routing(OLD_SUPPLIER, ICB, List.of(REPORTER,
                party(Part.INFORMED, PartyRole.PROCUREMENT_HUB, null, Contact.INCIDENT)));
        Routing after = new Routing(OLD_SUPPLIER, ICB, List.of(REPORTER));

        assertThat(after.organisationsRemovedSince(before)).isEmpty();
    }

    /**
     * The owners that lost their part, whether they stay on (the ICB informed once a practice is accountable) or not
     * (the supplier replaced); one kept in its part, however its reasons changed, lost nothing.
     */
    @Test
    void theResolverAndAccountablePartyNoLongerNamedInTheirPartsAreTheOwnersReplaced() {
        RoutedParty practice = party(Part.ACCOUNTABLE, PartyRole.PROVIDER, "P1", Contact.INCIDENT);
        RoutedParty icbInformed = party(Part.INFORMED, PartyRole.ICB, "I1", Contact.INCIDENT);
        Routing before = new Routing(OLD_SUPPLIER, ICB, List.of(REPORTER, icbInformed));

        assertThat(new Routing(NEW_SUPPLIER, practice, List.of(REPORTER, icbInformed)).ownersReplacedSince(before))
                .containsExactly(OLD_SUPPLIER, ICB);
        assertThat(new Routing(new RoutedParty(Part.RESOLVER, PartyRole.SUPPLIER, "S1", Contact.INCIDENT, false,
                List.of("another rule")), ICB, List.of()).ownersReplacedSince(before)).isEmpty();
    }
}
