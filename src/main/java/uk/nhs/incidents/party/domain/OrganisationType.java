package uk.nhs.incidents.party.domain;

/** The part an organisation plays; an attribute of the organisation, never guessed from its ODS code. */
public enum OrganisationType {
    SUPPLIER,
    PROVIDER,
    PRACTICE,
    ICB,
    NATIONAL_SERVICE_DESK,
    PROCUREMENT_HUB,
    BARS_PROGRAMME;

    /** The Service Desk, the hub and the BaRS programme: national parties, which the rules route to any deployment. */
    public boolean isNational() {
        return this == NATIONAL_SERVICE_DESK || this == PROCUREMENT_HUB || this == BARS_PROGRAMME;
    }
}
