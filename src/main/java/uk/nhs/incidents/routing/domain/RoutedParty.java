package uk.nhs.incidents.routing.domain;

import java.util.List;

/**
 * A party routing names: its part, who it is (the organisation's ODS code, {@code null} when no organisation of
 * a national type is registered), which mailbox, and every reason that put it there.
 */
public record RoutedParty(Part part, PartyRole party, String organisation, Contact contact, boolean bestEffort,
        List<String> reasons) {

    public RoutedParty {
        reasons = List.copyOf(reasons);
    }

    /** Same organisation and mailbox in the same part: one party, however many rules name it. */
    public boolean sameRecipient(RoutedParty other) {
        return part == other.part && contact == other.contact && java.util.Objects.equals(organisation, other.organisation)
                && (organisation != null || party == other.party);
    }
}
