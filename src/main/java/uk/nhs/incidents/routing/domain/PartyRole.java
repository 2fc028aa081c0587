package uk.nhs.incidents.routing.domain;

/** A party named by its relation to the incident, resolved to an organisation when an incident is routed. */
public enum PartyRole {
    SUPPLIER,
    /** The organisation that raised the incident. */
    REPORTER,
    /** The provider or GP practice using the system. */
    PROVIDER,
    ICB,
    PROCUREMENT_HUB,
    BARS_PROGRAMME,
    NATIONAL_SERVICE_DESK
}
