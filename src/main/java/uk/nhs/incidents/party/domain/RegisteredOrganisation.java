package uk.nhs.incidents.party.domain;

/** What requests need to know of a registered organisation: its type, and for messages its name and mailboxes. */
public record RegisteredOrganisation(String odsCode, String name, OrganisationType type, String incidentMailbox,
        String csoMailbox) {
}
